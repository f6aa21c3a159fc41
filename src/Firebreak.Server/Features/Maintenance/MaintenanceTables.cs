using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Maintenance;

/// <summary>This feature's tables on the shared context, declared here so that Storage names no feature.</summary>
public static class MaintenanceTables
{
    extension(FirebreakDb db)
    {
        public DbSet<MaintenanceWindow> MaintenanceWindows => db.Set<MaintenanceWindow>();
    }
}
