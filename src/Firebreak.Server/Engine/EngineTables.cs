using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Engine;

/// <summary>The engine's tables on the shared context.</summary>
public static class EngineTables
{
    extension(FirebreakDb db)
    {
        public DbSet<WorkItem> WorkItems => db.Set<WorkItem>();

        public DbSet<WorkWake> WorkWakes => db.Set<WorkWake>();
    }
}
