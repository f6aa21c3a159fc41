using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Notifications;

/// <summary>This feature's tables on the shared context, declared here so that Storage names no feature.</summary>
public static class NotificationTables
{
    extension(FirebreakDb db)
    {
        public DbSet<ContactMethod> ContactMethods => db.Set<ContactMethod>();

        public DbSet<NotificationRule> NotificationRules => db.Set<NotificationRule>();

        public DbSet<NotificationDelivery> NotificationDeliveries => db.Set<NotificationDelivery>();
    }
}
