using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Intake;

internal sealed class AlertEventConfiguration : IEntityTypeConfiguration<AlertEvent>
{
    public void Configure(EntityTypeBuilder<AlertEvent> b)
    {
        b.ToTable("alert_events");
        b.HasIndex(e => new { e.AlertId, e.Id });
        b.Property(e => e.Action).HasMaxLength(16);
        b.Property(e => e.Outcome).HasMaxLength(32);
        b.Property(e => e.Summary).HasMaxLength(1024);
    }
}
