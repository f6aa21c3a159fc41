using Firebreak.Server.Engine;
using Firebreak.Server.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Escalation;

internal sealed class IncidentEscalationConfiguration : IEntityTypeConfiguration<IncidentEscalation>
{
    public void Configure(EntityTypeBuilder<IncidentEscalation> b)
    {
        b.ToTable("incident_escalations");
        b.HasKey(e => e.IncidentId);
        b.Property(e => e.IncidentId).ValueGeneratedNever();
        b.Property(e => e.PolicyKey).HasMaxLength(64);
        b.Property(e => e.PolicyName).HasMaxLength(200);
        b.HasOne(e => e.Incident).WithOne().HasForeignKey<IncidentEscalation>(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
