using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Escalation;

/// <summary>This feature's tables on the shared context, declared here so that Storage names no feature.</summary>
public static class EscalationTables
{
    extension(FirebreakDb db)
    {
        public DbSet<EscalationPolicyRecord> EscalationPolicies => db.Set<EscalationPolicyRecord>();

        public DbSet<IncidentEscalation> IncidentEscalations => db.Set<IncidentEscalation>();
    }
}
