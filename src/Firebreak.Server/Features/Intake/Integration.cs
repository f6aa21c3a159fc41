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

    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class IntegrationKinds
{
    public const string PagerDuty = "pagerduty";
    public const string Alertmanager = "alertmanager";
    public const string Grafana = "grafana";

    public static readonly string[] All = [PagerDuty, Alertmanager, Grafana];

    /// <summary>PagerDuty senders expect one incident per dedup key; Prometheus-style senders group by alert name.</summary>
    public static List<string> DefaultGroupBy(string kind) => kind == PagerDuty ? ["dedup_key"] : ["alertname"];
}
