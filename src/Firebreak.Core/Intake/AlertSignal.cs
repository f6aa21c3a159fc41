using System.Text.Json;

namespace Firebreak.Core.Intake;

public enum AlertAction
{
    Trigger,
    Acknowledge,
    Resolve,
}

/// <summary>The source's own severity word, as in the PagerDuty Events API: critical, error, warning, info.</summary>
public enum AlertSeverity
{
    Critical,
    Error,
    Warning,
    Info,
}

public sealed record AlertLink(string Href, string? Text);

public sealed record AlertImage(string Src, string? Href, string? Alt);

/// <summary>
/// Marks a signal Firebreak made itself to check an integration's wiring: who sent it, and whether they asked for the
/// on-call to be paged for real rather than only themselves. Never read from a sender's payload.
/// </summary>
public sealed record TestEvent(string SentBy, bool PageOnCall);

/// <summary>
/// One event about one alert, normalized from whichever sender's format it came in. <see cref="DedupKey"/> is null only
/// for a trigger that gave none; the intake assigns one.
/// </summary>
public sealed record AlertSignal(
    AlertAction Action,
    string? DedupKey,
    string? Summary = null,
    string? Source = null,
    AlertSeverity? Severity = null,
    DateTimeOffset? Timestamp = null,
    string? Component = null,
    string? Group = null,
    string? Class = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    IReadOnlyDictionary<string, string>? Annotations = null,
    JsonElement? CustomDetails = null,
    IReadOnlyList<AlertLink>? Links = null,
    IReadOnlyList<AlertImage>? Images = null,
    string? Client = null,
    string? ClientUrl = null,
    TestEvent? Test = null);

public static class AlertNames
{
    public static string ToWire(this AlertAction a) => a switch
    {
        AlertAction.Trigger => "trigger",
        AlertAction.Acknowledge => "acknowledge",
        _ => "resolve",
    };

    public static string ToWire(this AlertSeverity s) => s switch
    {
        AlertSeverity.Critical => "critical",
        AlertSeverity.Error => "error",
        AlertSeverity.Warning => "warning",
        _ => "info",
    };

    public static AlertSeverity? ParseSeverity(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "CRITICAL" => AlertSeverity.Critical,
        "ERROR" => AlertSeverity.Error,
        "WARNING" => AlertSeverity.Warning,
        "INFO" => AlertSeverity.Info,
        _ => null,
    };
}
