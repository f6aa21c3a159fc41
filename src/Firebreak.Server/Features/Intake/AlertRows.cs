using System.Text.Json;
using Firebreak.Core.Intake;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Incidents;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// The rows and timeline words a new alert makes, shared by <see cref="IntakeBatch"/> and the hot path so both store
/// exactly the same thing for the same signal.
/// </summary>
public static class AlertRows
{
    private const int TitleMax = IncidentLimits.TitleMax;

    /// <summary>A new open alert for <paramref name="signal"/>; its incident is the caller's to set.</summary>
    public static Alert New(Integration integration, Routed route, AlertSignal signal, string key, DateTimeOffset now, string? suppressedBy) => new()
    {
        IntegrationId = integration.Id,
        DedupKey = key,
        OpenKey = key,
        Status = AlertStatus.Triggered,
        Summary = Summary(signal),
        Source = signal.Source,
        Severity = (signal.Severity ?? AlertSeverity.Error).ToWire(),
        SeverityKey = route.Level.Key,
        Component = signal.Component,
        Group = signal.Group,
        Class = signal.Class,
        Labels = new Dictionary<string, string>(signal.Labels ?? new Dictionary<string, string>()),
        Annotations = new Dictionary<string, string>(signal.Annotations ?? new Dictionary<string, string>()),
        DetailsJson = signal.CustomDetails?.GetRawText(),
        LinksJson = signal.Links is { Count: > 0 } links ? JsonSerializer.Serialize(links, JsonSerializerOptions.Web) : null,
        FirstSeenAt = now,
        LastSeenAt = now,
        Occurrences = 1,
        SuppressedBy = suppressedBy,
    };

    /// <summary>Who a request's changes are recorded as: the integration, from the sender's address.</summary>
    public static Actor Sender(IntakeWork work) => new("integration", null, $"integration:{work.Integration.Name}", work.SourceAddress);

    public static AlertEvent Event(AlertSignal signal, DateTimeOffset now, string outcome) =>
        new() { At = now, Action = signal.Action.ToWire(), Outcome = outcome, Summary = signal.Summary };

    public static string Summary(AlertSignal signal) => signal.Summary ?? signal.Class ?? "Alert";

    public static string Title(string summary) => summary.Length <= TitleMax ? summary : summary[..(TitleMax - 1)] + "…";

    /// <summary>How an alert joining an incident is named on its timeline.</summary>
    public static string Joined(AlertSignal signal, string? why) => $"{Summary(signal)} ({signal.Severity?.ToWire() ?? "error"}){why}";

    /// <summary>
    /// When the alert says the problem began (Alertmanager/Grafana startsAt, PagerDuty timestamp): the impact start of its
    /// incident, so TTD is known. A time ahead of this clock is skew, and a zero time is no time; both are ignored.
    /// </summary>
    public static DateTimeOffset? ImpactStart(AlertSignal signal, DateTimeOffset now) =>
        signal.Timestamp is { } t && t.Year > 2000 && t <= now + IncidentService.ClockSkew
            ? (t < now ? t : now).ToUniversalTime()
            : null;

    /// <summary>The earlier of an incident's impact start and what a joining alert says, so TTD only ever grows.</summary>
    public static DateTimeOffset? EarliestImpact(DateTimeOffset? current, AlertSignal signal, DateTimeOffset now) =>
        ImpactStart(signal, now) is { } began && (current is null || began < current) ? began : current;

    /// <summary>One timeline line for many alerts, so a storm of 500 alerts is one line, not 500.</summary>
    public static string Coalesce(string one, string many, IReadOnlyList<string> summaries)
    {
        const int shown = 5;
        if (summaries.Count == 1)
        {
            return $"{one}: {summaries[0]}";
        }

        var named = string.Join("; ", summaries.Take(shown));
        return summaries.Count <= shown
            ? $"{summaries.Count} {many}: {named}"
            : $"{summaries.Count} {many}: {named}; and {summaries.Count - shown} more";
    }

    public static string JoinedLine(IReadOnlyList<string> joined) => Coalesce("Alert joined", "alerts joined", joined);

    public static string ResolvedLine(IReadOnlyList<string> resolved) => Coalesce("Alert resolved", "alerts resolved", resolved);
}
