using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Incidents;

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> b)
    {
        b.ToTable("timeline_entries");
        b.HasIndex(t => new { t.IncidentId, t.Id });
        b.Property(t => t.ActorKind).HasMaxLength(16);
        b.Property(t => t.ActorName).HasMaxLength(200);
        b.Property(t => t.Kind).HasMaxLength(40);
    }
}
