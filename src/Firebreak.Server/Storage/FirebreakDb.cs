using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Features.Maintenance;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Storage;

/// <summary>One model for both providers; each provider has a sealed subclass with its own migrations.</summary>
public abstract class FirebreakDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<ChecklistItem> ChecklistItems => Set<ChecklistItem>();
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<SeverityLevelRow> SeverityLevels => Set<SeverityLevelRow>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<Integration> Integrations => Set<Integration>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<AlertEvent> AlertEvents => Set<AlertEvent>();
    public DbSet<MaintenanceWindow> MaintenanceWindows => Set<MaintenanceWindow>();
    public DbSet<Features.OnCall.ScheduleRecord> Schedules => Set<Features.OnCall.ScheduleRecord>();
    public DbSet<ChangeEvent> ChangeEvents => Set<ChangeEvent>();
    public DbSet<Engine.WorkItem> WorkItems => Set<Engine.WorkItem>();
    public DbSet<Features.Escalation.EscalationPolicyRecord> EscalationPolicies => Set<Features.Escalation.EscalationPolicyRecord>();
    public DbSet<Features.Escalation.IncidentEscalation> IncidentEscalations => Set<Features.Escalation.IncidentEscalation>();
    public DbSet<Features.Notifications.ContactMethod> ContactMethods => Set<Features.Notifications.ContactMethod>();
    public DbSet<Features.Notifications.NotificationRule> NotificationRules => Set<Features.Notifications.NotificationRule>();
    public DbSet<Features.Notifications.NotificationDelivery> NotificationDeliveries => Set<Features.Notifications.NotificationDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FirebreakDb).Assembly);
}

public sealed class SqliteFirebreakDb(DbContextOptions<SqliteFirebreakDb> options) : FirebreakDb(options)
{
    // SQLite has no native DateTimeOffset: stored as text it cannot be compared or ordered in SQL, so store the
    // binary form (ticks + offset), which sorts correctly because every value we write is UTC.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresFirebreakDb(DbContextOptions<PostgresFirebreakDb> options) : FirebreakDb(options);
