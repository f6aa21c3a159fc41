using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Catalog;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.ToTable("teams");
        b.HasIndex(t => t.Key).IsUnique();
        b.Property(t => t.Key).HasMaxLength(64);
        b.Property(t => t.Name).HasMaxLength(200);
        b.HasMany(t => t.Members).WithMany().UsingEntity("team_members");
    }
}
