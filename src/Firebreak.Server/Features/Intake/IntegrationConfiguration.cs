using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Intake;

internal sealed class IntegrationConfiguration : IEntityTypeConfiguration<Integration>
{
    public void Configure(EntityTypeBuilder<Integration> b)
    {
        b.ToTable("integrations");
        b.HasIndex(i => i.Key).IsUnique();
        b.Property(i => i.Key).HasMaxLength(64);
        b.Property(i => i.Name).HasMaxLength(200);
        b.Property(i => i.Kind).HasMaxLength(32);
        b.HasOne(i => i.Service).WithMany().HasForeignKey(i => i.ServiceId).OnDelete(DeleteBehavior.SetNull);
    }
}
