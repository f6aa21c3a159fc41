using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Catalog;

/// <summary>This feature's tables on the shared context, declared here so that Storage names no feature.</summary>
public static class CatalogTables
{
    extension(FirebreakDb db)
    {
        public DbSet<Team> Teams => db.Set<Team>();

        public DbSet<Service> Services => db.Set<Service>();

        public DbSet<SeverityLevelRow> SeverityLevels => db.Set<SeverityLevelRow>();
    }
}
