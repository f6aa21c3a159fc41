using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.ActionItems;

/// <summary>This feature's tables on the shared context, declared here so that Storage names no feature.</summary>
public static class ActionItemsTables
{
    extension(FirebreakDb db)
    {
        public DbSet<ActionItem> ActionItems => db.Set<ActionItem>();

        public DbSet<ActionItemWebhookPost> ActionItemWebhookPosts => db.Set<ActionItemWebhookPost>();
    }
}
