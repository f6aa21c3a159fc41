using Firebreak.Server.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Comms.Stakeholders;

internal sealed class StakeholderSendConfiguration : IEntityTypeConfiguration<StakeholderSend>
{
    public void Configure(EntityTypeBuilder<StakeholderSend> b)
    {
        b.ToTable("stakeholder_sends");
        b.HasIndex(s => s.IncidentId);
        b.Property(s => s.Kind).HasMaxLength(32);
        b.Property(s => s.Subject).HasMaxLength(1000);
        b.Property(s => s.Text).HasMaxLength(4 * CommsLimits.MaxText);
        b.Property(s => s.Html).HasMaxLength(8 * CommsLimits.MaxText);
        b.Property(s => s.Status).HasMaxLength(16);
        b.Property(s => s.LastError).HasMaxLength(1000);
        b.Property(s => s.ApprovedBy).HasMaxLength(200);
        b.HasOne<Incident>().WithMany().HasForeignKey(s => s.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Stakeholder>().WithMany().HasForeignKey(s => s.StakeholderId).OnDelete(DeleteBehavior.Cascade);
    }
}
