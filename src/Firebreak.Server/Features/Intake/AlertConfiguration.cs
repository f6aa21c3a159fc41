using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Intake;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.ToTable("alerts");
        // Every index costs each new alert a B-tree insert inside its sender's commit, so only indexes a query uses:
        // no query looks alerts up by dedup key (an open alert is found by OpenKey, which equals it while open).
        b.HasIndex(a => new { a.IntegrationId, a.OpenKey }).IsUnique();
        b.HasIndex(a => a.IncidentId);
        b.HasIndex(a => new { a.Status, a.LastSeenAt });
        b.Property(a => a.DedupKey).HasMaxLength(255);
        b.Property(a => a.OpenKey).HasMaxLength(255);
        b.Property(a => a.Status).HasMaxLength(16);
        b.Property(a => a.Summary).HasMaxLength(1024);
        b.Property(a => a.Severity).HasMaxLength(16);
        b.Property(a => a.SeverityKey).HasMaxLength(32);
        b.Property(a => a.Labels).HasConversion(JsonMap.Converter, JsonMap.Comparer);
        b.Property(a => a.Annotations).HasConversion(JsonMap.Converter, JsonMap.Comparer);
        b.HasOne(a => a.Integration).WithMany().HasForeignKey(a => a.IntegrationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.Incident).WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(a => a.Events).WithOne().HasForeignKey(e => e.AlertId).OnDelete(DeleteBehavior.Cascade);
    }
}
