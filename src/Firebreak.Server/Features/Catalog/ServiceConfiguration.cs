using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Catalog;

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> b)
    {
        b.ToTable("services");
        b.HasIndex(s => s.Key).IsUnique();
        b.Property(s => s.Key).HasMaxLength(64);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.TimeZone).HasMaxLength(64);
        b.Property(s => s.AutoResolveTo).HasMaxLength(16).HasDefaultValue("resolved");
        b.HasOne(s => s.OwnerTeam).WithMany().HasForeignKey(s => s.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
    }
}
