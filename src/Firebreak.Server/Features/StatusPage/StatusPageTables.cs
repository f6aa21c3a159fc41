using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>This feature's tables on the shared context, declared here so that Storage names no feature.</summary>
public static class StatusPageTables
{
    extension(FirebreakDb db)
    {
        public DbSet<StatusComponent> StatusComponents => db.Set<StatusComponent>();

        public DbSet<StatusComponentChange> StatusComponentChanges => db.Set<StatusComponentChange>();

        public DbSet<PublicIncident> PublicIncidents => db.Set<PublicIncident>();

        public DbSet<PublicIncidentUpdate> PublicIncidentUpdates => db.Set<PublicIncidentUpdate>();
    }
}
