using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Incidents;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.ToTable("incidents");
        b.HasIndex(i => i.Number).IsUnique();
        b.HasIndex(i => i.Slug).IsUnique();
        b.HasIndex(i => new { i.Status, i.DeclaredAt });
        b.HasIndex(i => i.AlertGroupKey);
        b.Property(i => i.AlertGroupKey).HasMaxLength(400);
        b.Property(i => i.Slug).HasMaxLength(80);
        b.Property(i => i.Title).HasMaxLength(IncidentLimits.TitleMax);
        b.Property(i => i.Description).HasMaxLength(IncidentLimits.TextMax);
        b.Property(i => i.Impact).HasMaxLength(IncidentLimits.TextMax);
        b.Property(i => i.SeverityKey).HasMaxLength(32);
        b.Property(i => i.Resolution).HasMaxLength(32);
        b.Property(i => i.Status).HasConversion(s => s.ToWire(), s => ParseStatus(s)).HasMaxLength(16);
        b.Property(i => i.Revision).IsConcurrencyToken();
        b.HasOne(i => i.Service).WithMany().HasForeignKey(i => i.ServiceId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(i => i.Commander).WithMany().HasForeignKey(i => i.CommanderId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(i => i.TechLead).WithMany().HasForeignKey(i => i.TechLeadId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(i => i.CommsLead).WithMany().HasForeignKey(i => i.CommsLeadId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(i => i.Scribe).WithMany().HasForeignKey(i => i.ScribeId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(i => i.Checklist).WithOne().HasForeignKey(c => c.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Timeline).WithOne().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(i => i.Timestamps);
        // Work about an incident (escalations, pages) goes with it; the engine itself knows no incidents.
        b.HasMany<Engine.WorkItem>().WithOne().HasForeignKey(w => w.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }

    private static IncidentStatus ParseStatus(string s) =>
        IncidentStatusNames.TryParse(s, out var status) ? status : IncidentStatus.Triggered;
}
