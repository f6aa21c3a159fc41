using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Audit;

/// <summary>This feature's tables on the shared context, declared here so that Storage names no feature.</summary>
public static class AuditTables
{
    extension(FirebreakDb db)
    {
        public DbSet<AuditEvent> AuditEvents => db.Set<AuditEvent>();
    }
}
