using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Storage;

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
    }

    private static IncidentStatus ParseStatus(string s) =>
        IncidentStatusNames.TryParse(s, out var status) ? status : IncidentStatus.Triggered;
}

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

internal sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> b)
    {
        b.ToTable("checklist_items");
        b.HasIndex(c => new { c.IncidentId, c.Position });
        b.Property(c => c.Text).HasMaxLength(500);
        b.Property(c => c.DoneBy).HasMaxLength(200);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("users");
        b.HasIndex(u => u.Username).IsUnique();
        b.Property(u => u.Username).HasMaxLength(64);
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Email).HasMaxLength(320);
        b.Property(u => u.Role).HasConversion(r => r.ToWire(), r => ParseRole(r)).HasMaxLength(16);
        b.Property(u => u.TimeZone).HasMaxLength(64);
        // Rows from before stamps existed get "": cookies issued then carry no stamp, so they no longer match.
        b.Property(u => u.SecurityStamp).HasMaxLength(64).HasDefaultValue("");
    }

    internal static Role ParseRole(string r) => RoleNames.TryParse(r, out var role) ? role : Role.Viewer;
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("api_tokens");
        b.HasIndex(t => t.Prefix).IsUnique();
        b.Property(t => t.Prefix).HasMaxLength(32);
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Role).HasConversion(r => r.ToWire(), r => UserConfiguration.ParseRole(r)).HasMaxLength(16);
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.HasIndex(a => a.At);
        b.Property(a => a.Actor).HasMaxLength(200);
        b.Property(a => a.Action).HasMaxLength(80);
        b.Property(a => a.Resource).HasMaxLength(200);
        b.Property(a => a.SourceAddress).HasMaxLength(64);
    }
}

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
        // Config apply points a service at a policy created in the same transaction; the relationship lets EF put the
        // new policy's key in. On SQLite adding it rebuilt the services table (EF warns once, at that migration).
        b.HasOne<Features.Escalation.EscalationPolicyRecord>().WithMany().HasForeignKey(s => s.EscalationPolicyId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SeverityLevelConfiguration : IEntityTypeConfiguration<SeverityLevelRow>
{
    public void Configure(EntityTypeBuilder<SeverityLevelRow> b)
    {
        b.ToTable("severity_levels");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(32);
        b.Property(s => s.Name).HasMaxLength(100);
    }
}

internal sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> b)
    {
        b.ToTable("settings");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(100);
    }
}
