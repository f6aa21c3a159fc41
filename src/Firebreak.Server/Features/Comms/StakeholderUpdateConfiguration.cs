using Firebreak.Server.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Comms;

internal sealed class StakeholderUpdateConfiguration : IEntityTypeConfiguration<StakeholderUpdate>
{
    public void Configure(EntityTypeBuilder<StakeholderUpdate> b)
    {
        b.ToTable("stakeholder_updates");
        b.HasIndex(u => u.IncidentId);
        b.Property(u => u.Kind).HasMaxLength(32);
        b.Property(u => u.Text).HasMaxLength(CommsLimits.MaxText);
        b.Property(u => u.SentBy).HasMaxLength(200);
        b.Property(u => u.Recipients).HasMaxLength(4000);
        b.HasOne<Incident>().WithMany().HasForeignKey(u => u.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
