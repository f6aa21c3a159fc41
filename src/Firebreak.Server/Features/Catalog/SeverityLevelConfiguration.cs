using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Catalog;

internal sealed class SeverityLevelConfiguration : IEntityTypeConfiguration<SeverityLevelRow>
{
    public void Configure(EntityTypeBuilder<SeverityLevelRow> b)
    {
        b.ToTable("severity_levels");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(32);
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.Review).HasMaxLength(16);
    }
}
