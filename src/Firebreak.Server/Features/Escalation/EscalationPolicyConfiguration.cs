using Firebreak.Server.Engine;
using Firebreak.Server.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Escalation;

internal sealed class EscalationPolicyConfiguration : IEntityTypeConfiguration<EscalationPolicyRecord>
{
    public void Configure(EntityTypeBuilder<EscalationPolicyRecord> b)
    {
        b.ToTable("escalation_policies");
        b.HasIndex(p => p.Key).IsUnique();
        b.Property(p => p.Key).HasMaxLength(64);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Description).HasMaxLength(2000);
        // Config apply points a service at a policy created in the same transaction; the relationship lets EF put the
        // new policy's key in. On SQLite adding it rebuilt the services table (EF warns once, at that migration).
        b.HasMany<Catalog.Service>().WithOne().HasForeignKey(s => s.EscalationPolicyId).OnDelete(DeleteBehavior.SetNull);
    }
}
