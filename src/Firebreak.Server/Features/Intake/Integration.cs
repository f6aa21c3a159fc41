using Firebreak.Server.Features.Catalog;

namespace Firebreak.Server.Features.Intake;

/// <summary>An intake endpoint with its own secret key. The key is the credential senders put in their URL or body.</summary>
public sealed class Integration
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public required string Key { get; set; }
    public long? ServiceId { get; set; }
    public Service? Service { get; set; }
    public List<string> GroupBy { get; set; } = [];
    public int GroupWindowSeconds { get; set; } = 3600;

    /// <summary>Events per minute this integration may send before it gets 429; null means no limit.</summary>
    public int? RatePerMinute { get; set; }
    /// <summary>Ordered routing rules as JSON (<see cref="RoutingRuleConfig"/>), validated when saved.</summary>
    public string? RoutingRulesJson { get; set; }
    /// <summary>
    /// How a generic integration reads its sender's JSON (<see cref="Core.Alerts.GenericMapping"/>), validated when saved;
    /// null means <see cref="Core.Alerts.GenericMapping.Default"/>. Other kinds ignore it.
    /// </summary>
    public string? FieldMappingJson { get; set; }

    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class IntegrationKinds
{
    public const string PagerDuty = "pagerduty";
    public const string Alertmanager = "alertmanager";
    public const string Grafana = "grafana";
    public const string Generic = "generic";

    public static readonly string[] All = [PagerDuty, Alertmanager, Grafana, Generic];

    /// <summary>
    /// PagerDuty senders expect one incident per dedup key; Prometheus-style senders group by alert name. A generic
    /// sender's labels are unknown until it is mapped, so it starts like PagerDuty.
    /// </summary>
    public static List<string> DefaultGroupBy(string kind) => kind is PagerDuty or Generic ? ["dedup_key"] : ["alertname"];
}
