using Firebreak.Core.Incidents;

namespace Firebreak.Core.Analytics;

/// <summary>
/// Of the incidents whose severity sets a target: how many met it, missed it, or cannot tell yet (still open and
/// within it). <see cref="Rate"/> is met over met plus missed.
/// </summary>
public sealed record ComplianceFigure(int Met, int Missed, int Pending)
{
    public static readonly ComplianceFigure Empty = new(0, 0, 0);

    public double? Rate => Met + Missed == 0 ? null : (double)Met / (Met + Missed);

    public ComplianceFigure Add(bool? met) => met switch
    {
        true => this with { Met = Met + 1 },
        false => this with { Missed = Missed + 1 },
        null => this with { Pending = Pending + 1 },
    };
}

/// <summary>Response-target compliance: acknowledge and mitigate within target, updates at the cadence, review on time.</summary>
public sealed record Compliance(ComplianceFigure Acknowledge, ComplianceFigure Mitigate, ComplianceFigure UpdateCadence, ComplianceFigure ReviewOnTime)
{
    public static readonly Compliance Empty = new(ComplianceFigure.Empty, ComplianceFigure.Empty, ComplianceFigure.Empty, ComplianceFigure.Empty);
}

/// <summary>Whether one incident met each of its severity's targets: true, false, null while open and within it.</summary>
public static class TargetCompliance
{
    public static Compliance Add(Compliance sum, IncidentFacts incident, DateTimeOffset now)
    {
        var metrics = ResponseMetrics.Compute(incident.Stamps, now);
        var targets = incident.Targets;
        return new Compliance(
            targets.AcknowledgeWithin is { } ack ? sum.Acknowledge.Add(metrics.Tta.MetTarget(ack)) : sum.Acknowledge,
            targets.MitigateWithin is { } mitigate ? sum.Mitigate.Add(metrics.Ttm.MetTarget(mitigate)) : sum.Mitigate,
            targets.UpdateEvery is { } every ? sum.UpdateCadence.Add(UpdatesKept(incident, every, now)) : sum.UpdateCadence,
            incident.ReviewDueAt is { } due ? sum.ReviewOnTime.Add(ReviewOnTime(incident.ReviewPublishedAt, due, now)) : sum.ReviewOnTime);
    }

    /// <summary>
    /// Kept when no gap between declaration, the updates and the end (resolution, or now while open) is longer than
    /// <paramref name="every"/>; open and within it so far is not known yet.
    /// </summary>
    public static bool? UpdatesKept(IncidentFacts incident, TimeSpan every, DateTimeOffset now)
    {
        var start = incident.Stamps.DeclaredAt;
        var end = incident.Stamps.ResolvedAt ?? now;
        var moments = incident.Updates.Where(u => u > start && u < end).Order().Prepend(start).Append(end).ToList();
        var longest = moments.Zip(moments.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();
        return longest > every ? false : incident.Stamps.ResolvedAt is null ? null : true;
    }

    private static bool? ReviewOnTime(DateTimeOffset? published, DateTimeOffset due, DateTimeOffset now) =>
        published is { } p ? p <= due : now > due ? false : null;
}
