using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Incidents;

/// <summary>This feature's tables on the shared context, declared here so that Storage names no feature.</summary>
public static class IncidentTables
{
    extension(FirebreakDb db)
    {
        public DbSet<Incident> Incidents => db.Set<Incident>();

        public DbSet<TimelineEntry> TimelineEntries => db.Set<TimelineEntry>();

        public DbSet<ChecklistItem> ChecklistItems => db.Set<ChecklistItem>();
    }
}
