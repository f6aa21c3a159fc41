using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Comms.Stakeholders;

internal sealed class StakeholderConfiguration : IEntityTypeConfiguration<Stakeholder>
{
    public void Configure(EntityTypeBuilder<Stakeholder> b)
    {
        b.ToTable("stakeholders");
        b.HasIndex(s => s.Key).IsUnique();
        b.Property(s => s.Key).HasMaxLength(64);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Target).HasMaxLength(16);
        b.Property(s => s.Address).HasMaxLength(2000);
        b.Property(s => s.SecretEnv).HasMaxLength(128);
    }
}
