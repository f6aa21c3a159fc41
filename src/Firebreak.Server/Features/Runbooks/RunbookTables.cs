using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Runbooks;

/// <summary>This feature's tables on the shared context, declared here so that Storage names no feature.</summary>
public static class RunbookTables
{
    extension(FirebreakDb db)
    {
        public DbSet<Runbook> Runbooks => db.Set<Runbook>();

        public DbSet<RunbookVersion> RunbookVersions => db.Set<RunbookVersion>();
    }
}
