using System.Text.Json.Serialization;

namespace Firebreak.Server.Features.StatusPage;

// Statuspage's public API shapes (v2), field for field, so widgets and monitors written for it read this page unchanged.
// docs/status-page.md records which fields are filled and how.

public sealed record SpPage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("time_zone")] string TimeZone,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt);

public sealed record SpStatus(
    [property: JsonPropertyName("indicator")] string Indicator,
    [property: JsonPropertyName("description")] string Description);

public sealed record SpComponent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("position")] int Position,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("showcase")] bool Showcase,
    [property: JsonPropertyName("start_date")] string? StartDate,
    [property: JsonPropertyName("group_id")] string? GroupId,
    [property: JsonPropertyName("page_id")] string PageId,
    [property: JsonPropertyName("group")] bool Group,
    [property: JsonPropertyName("only_show_if_degraded")] bool OnlyShowIfDegraded,
    [property: JsonPropertyName("components")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Components);

public sealed record SpStatusDocument(
    [property: JsonPropertyName("page")] SpPage Page,
    [property: JsonPropertyName("status")] SpStatus Status);

public sealed record SpComponentsDocument(
    [property: JsonPropertyName("page")] SpPage Page,
    [property: JsonPropertyName("components")] IReadOnlyList<SpComponent> Components);

public sealed record SpAffectedComponent(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("old_status")] string OldStatus,
    [property: JsonPropertyName("new_status")] string NewStatus);

public sealed record SpIncidentUpdate(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("incident_id")] string IncidentId,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("display_at")] DateTimeOffset DisplayAt,
    [property: JsonPropertyName("affected_components")] IReadOnlyList<SpAffectedComponent>? AffectedComponents);

public sealed record SpIncident(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("monitoring_at")] DateTimeOffset? MonitoringAt,
    [property: JsonPropertyName("resolved_at")] DateTimeOffset? ResolvedAt,
    [property: JsonPropertyName("impact")] string Impact,
    [property: JsonPropertyName("shortlink")] string Shortlink,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("page_id")] string PageId,
    [property: JsonPropertyName("incident_updates")] IReadOnlyList<SpIncidentUpdate> IncidentUpdates,
    [property: JsonPropertyName("components")] IReadOnlyList<SpComponent> Components);

public sealed record SpIncidentsDocument(
    [property: JsonPropertyName("page")] SpPage Page,
    [property: JsonPropertyName("incidents")] IReadOnlyList<SpIncident> Incidents);

public sealed record SpScheduledMaintenance(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("monitoring_at")] DateTimeOffset? MonitoringAt,
    [property: JsonPropertyName("resolved_at")] DateTimeOffset? ResolvedAt,
    [property: JsonPropertyName("impact")] string Impact,
    [property: JsonPropertyName("shortlink")] string Shortlink,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("page_id")] string PageId,
    [property: JsonPropertyName("incident_updates")] IReadOnlyList<SpIncidentUpdate> IncidentUpdates,
    [property: JsonPropertyName("components")] IReadOnlyList<SpComponent> Components,
    [property: JsonPropertyName("scheduled_for")] DateTimeOffset ScheduledFor,
    [property: JsonPropertyName("scheduled_until")] DateTimeOffset ScheduledUntil);

public sealed record SpScheduledMaintenancesDocument(
    [property: JsonPropertyName("page")] SpPage Page,
    [property: JsonPropertyName("scheduled_maintenances")] IReadOnlyList<SpScheduledMaintenance> ScheduledMaintenances);

/// <summary>Unresolved public incidents and upcoming or active public maintenance go in the summary, as on Statuspage.</summary>
public sealed record SpSummaryDocument(
    [property: JsonPropertyName("page")] SpPage Page,
    [property: JsonPropertyName("components")] IReadOnlyList<SpComponent> Components,
    [property: JsonPropertyName("incidents")] IReadOnlyList<SpIncident> Incidents,
    [property: JsonPropertyName("scheduled_maintenances")] IReadOnlyList<SpScheduledMaintenance> ScheduledMaintenances,
    [property: JsonPropertyName("status")] SpStatus Status);
