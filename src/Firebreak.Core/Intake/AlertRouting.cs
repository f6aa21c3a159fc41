using Firebreak.Core.Severity;

namespace Firebreak.Core.Intake;

/// <summary>Pure rules that decide where an alert goes: its severity level and the incident group it joins.</summary>
public static class AlertRouting
{
    /// <summary>critical → the most severe level, error → the next, and so on, clamped to the scheme's size.</summary>
    public static SeverityLevel MapSeverity(SeverityScheme scheme, AlertSeverity severity)
    {
        var index = Math.Min((int)severity, scheme.Levels.Count - 1);
        return scheme.Levels.OrderBy(l => l.Rank).ElementAt(index);
    }

    /// <summary>
    /// The key alerts share when they belong in one incident: the service plus the values of the chosen labels.
    /// The pseudo-label <c>dedup_key</c> makes every alert its own incident, as PagerDuty does without grouping.
    /// </summary>
    public static string GroupKey(string? serviceKey, IReadOnlyList<string> groupBy, IReadOnlyDictionary<string, string> labels, string dedupKey)
    {
        var parts = groupBy.Select(name => name == "dedup_key"
            ? $"dedup_key={dedupKey}"
            : $"{name}={labels.GetValueOrDefault(name) ?? ""}");
        var key = $"{serviceKey ?? "-"}|{string.Join('|', parts)}";
        return key.Length <= 400 ? key : key[..400];
    }

    /// <summary>The labels a PagerDuty-style event carries, so grouping and routing can treat every sender alike.</summary>
    public static IReadOnlyDictionary<string, string> EffectiveLabels(AlertSignal signal)
    {
        var labels = new Dictionary<string, string>(signal.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        Add("source", signal.Source);
        Add("component", signal.Component);
        Add("group", signal.Group);
        Add("class", signal.Class);
        Add("severity", signal.Severity?.ToWire());
        return labels;

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                labels.TryAdd(name, value);
            }
        }
    }
}
