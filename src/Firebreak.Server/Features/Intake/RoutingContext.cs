using Firebreak.Core.Intake;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Catalog;

namespace Firebreak.Server.Features.Intake;

/// <summary>Where one alert goes after routing: service, severity level, incident group, or nowhere.</summary>
public sealed record Routed(Service? Service, SeverityLevel Level, string GroupKey, bool Drop, string? RuleName);

/// <summary>Routing inputs loaded once per intake call, applied to each alert.</summary>
public sealed class RoutingContext(
    IReadOnlyList<RoutingRule> rules, IReadOnlyDictionary<string, Service> services, long? defaultServiceId, SeverityScheme scheme)
{
    public Routed Route(Integration integration, AlertSignal signal, string dedupKey)
    {
        var labels = AlertRouting.EffectiveLabels(signal);
        var decision = AlertRouter.Route(rules, labels);
        var service = decision.Service is { } key && services.TryGetValue(key, out var routed)
            ? routed
            : services.Values.FirstOrDefault(s => s.Id == defaultServiceId);
        var level = (decision.Severity is { } sev ? scheme.Find(sev) : null)
            ?? AlertRouting.MapSeverity(scheme, signal.Severity ?? AlertSeverity.Error);
        // Alerts of one service group across integrations; without a service, only within their own integration, so
        // two unrelated senders' "HighErrorRate" never land in one incident.
        var scope = service?.Key ?? $"integration:{integration.Id}";
        return new Routed(service, level, AlertRouting.GroupKey(scope, integration.GroupBy, labels, dedupKey), decision.Drop, decision.RuleName);
    }
}
