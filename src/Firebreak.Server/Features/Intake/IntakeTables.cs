using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake;

/// <summary>This feature's tables on the shared context, declared here so that Storage names no feature.</summary>
public static class IntakeTables
{
    extension(FirebreakDb db)
    {
        public DbSet<Integration> Integrations => db.Set<Integration>();

        public DbSet<Alert> Alerts => db.Set<Alert>();

        public DbSet<AlertEvent> AlertEvents => db.Set<AlertEvent>();

        public DbSet<ChangeEvent> ChangeEvents => db.Set<ChangeEvent>();
    }
}
