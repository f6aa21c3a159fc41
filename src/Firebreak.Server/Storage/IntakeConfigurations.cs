using System.Text.Json;
using Firebreak.Server.Features.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Storage;

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

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.ToTable("alerts");
        b.HasIndex(a => new { a.IntegrationId, a.OpenKey }).IsUnique();
        b.HasIndex(a => new { a.IntegrationId, a.DedupKey });
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

internal sealed class MaintenanceWindowConfiguration : IEntityTypeConfiguration<Firebreak.Server.Features.Maintenance.MaintenanceWindow>
{
    public void Configure(EntityTypeBuilder<Firebreak.Server.Features.Maintenance.MaintenanceWindow> b)
    {
        b.ToTable("maintenance_windows");
        b.HasIndex(w => w.ServiceId);
        b.Property(w => w.Reason).HasMaxLength(500);
        b.Property(w => w.Kind).HasMaxLength(16);
        b.Property(w => w.StartTime).HasMaxLength(5);
        b.Property(w => w.Cron).HasMaxLength(100);
        b.Property(w => w.TimeZone).HasMaxLength(64);
        b.Property(w => w.CreatedBy).HasMaxLength(200);
        b.HasOne(w => w.Service).WithMany().HasForeignKey(w => w.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChangeEventConfiguration : IEntityTypeConfiguration<ChangeEvent>
{
    public void Configure(EntityTypeBuilder<ChangeEvent> b)
    {
        b.ToTable("change_events");
        b.HasIndex(c => new { c.ServiceId, c.At });
        b.Property(c => c.Summary).HasMaxLength(1024);
        b.Property(c => c.Source).HasMaxLength(255);
    }
}

/// <summary>Label and annotation maps are stored as one JSON text column on both providers.</summary>
internal static class JsonMap
{
    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<Dictionary<string, string>, string> Converter = new(
        v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
        v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, JsonSerializerOptions.Default) ?? new Dictionary<string, string>());

    public static readonly ValueComparer<Dictionary<string, string>> Comparer = new(
        (a, b) => a != null && b != null && a.Count == b.Count && !a.Except(b).Any(),
        v => v.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
        v => new Dictionary<string, string>(v));
}
