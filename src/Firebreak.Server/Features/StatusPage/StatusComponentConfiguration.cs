using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.StatusPage;

internal sealed class StatusComponentConfiguration : IEntityTypeConfiguration<StatusComponent>
{
    public void Configure(EntityTypeBuilder<StatusComponent> b)
    {
        b.ToTable("status_components");
        b.HasIndex(c => c.Key).IsUnique();
        b.Property(c => c.Key).HasMaxLength(64);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Description).HasMaxLength(1000);
        b.Property(c => c.GroupName).HasMaxLength(200);
        b.Property(c => c.Status).HasMaxLength(32);
    }
}

internal sealed class StatusComponentChangeConfiguration : IEntityTypeConfiguration<StatusComponentChange>
{
    public void Configure(EntityTypeBuilder<StatusComponentChange> b)
    {
        b.ToTable("status_component_changes");
        b.HasIndex(c => new { c.ComponentId, c.At });
        b.Property(c => c.Status).HasMaxLength(32);
        b.Property(c => c.ChangedBy).HasMaxLength(200);
        b.HasOne<StatusComponent>().WithMany().HasForeignKey(c => c.ComponentId).OnDelete(DeleteBehavior.Cascade);
    }
}
