using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage.Subscribers;

/// <summary>The subscribers' table on the shared context, declared here so that Storage names no feature.</summary>
public static class SubscriberTables
{
    extension(FirebreakDb db)
    {
        public DbSet<StatusSubscriber> StatusSubscribers => db.Set<StatusSubscriber>();

        public DbSet<StatusWebhookSubscriber> StatusWebhookSubscribers => db.Set<StatusWebhookSubscriber>();
    }
}
