using NodaTime;

namespace Firebreak.Core.OnCall;

/// <summary>
/// An on-call schedule: layers of rotations in one time zone, with overrides on top. Who is on at an instant: the
/// people of replacing overrides if any is in force; otherwise the highest layer with someone on (the last in
/// <see cref="Layers"/>, as in PagerDuty), plus the people of adding overrides.
/// </summary>
public sealed record Schedule(DateTimeZone Zone, IReadOnlyList<Layer> Layers, IReadOnlyList<ScheduleOverride>? Overrides = null)
{
    /// <summary>Builds a schedule from a zone id as people write it, or says everything that is wrong with it.</summary>
    public static (Schedule? Schedule, IReadOnlyList<string> Errors) Create(
        string? zoneId, IReadOnlyList<Layer> layers, IReadOnlyList<ScheduleOverride>? overrides = null)
    {
        var zone = string.IsNullOrWhiteSpace(zoneId) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId.Trim());
        var schedule = new Schedule(zone ?? DateTimeZone.Utc, layers, overrides);
        List<string> errors = zone is not null ? []
            : string.IsNullOrWhiteSpace(zoneId) ? ["a schedule needs a time zone; use an IANA name such as Europe/Berlin or America/New_York"]
            : [$"unknown time zone '{zoneId}'; use an IANA name such as Europe/Berlin or America/New_York"];
        errors.AddRange(schedule.Validate());
        return errors.Count == 0 ? (schedule, errors) : (null, errors);
    }

    /// <summary>What is wrong with the layers and overrides; empty when the schedule is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Layers.Count == 0)
        {
            problems.Add("a schedule needs at least one layer");
        }

        problems.AddRange(Layers.SelectMany(l => l.Validate()));
        var overrides = Overrides ?? [];
        for (var i = 0; i < overrides.Count; i++)
        {
            problems.AddRange(overrides[i].Problems().Select(p => $"override {i + 1} ({overrides[i].Person}): {p}"));
        }

        return problems;
    }

    public OnDuty OnCallAt(Instant t) => Timeline(new Interval(t, t + Duration.Epsilon))[0].OnDuty;

    /// <summary>
    /// Contiguous, ordered segments covering exactly <paramref name="range"/>, with adjacent equal segments merged.
    /// Stretches with nobody on are segments too, with <see cref="OnDuty.Nobody"/>.
    /// </summary>
    public IReadOnlyList<ScheduleSegment> Timeline(Interval range)
    {
        var layers = LayerTimelines(range);
        var overrides = (Overrides ?? [])
            .Select((o, index) => (Override: o, Index: index))
            .Where(x => x.Override.From < range.End && x.Override.To > range.Start)
            .ToList();
        var points = new SortedSet<Instant> { range.Start, range.End };
        foreach (var segment in layers.SelectMany(l => l))
        {
            points.Add(segment.Interval.Start);
            points.Add(segment.Interval.End);
        }

        foreach (var (o, _) in overrides)
        {
            points.Add(o.From < range.Start ? range.Start : o.From);
            points.Add(o.To > range.End ? range.End : o.To);
        }

        var cursors = new int[layers.Count];
        var timeline = new List<ScheduleSegment>();
        foreach (var (start, end) in points.Zip(points.Skip(1)))
        {
            var duty = At(start, layers, cursors, overrides);
            if (timeline.Count > 0 && timeline[^1].OnDuty == duty)
            {
                timeline[^1] = timeline[^1] with { Interval = new Interval(timeline[^1].Interval.Start, end) };
            }
            else
            {
                timeline.Add(new ScheduleSegment(new Interval(start, end), duty));
            }
        }

        return timeline;
    }

    /// <summary>Each layer's own timeline within <paramref name="range"/>, in the order of <see cref="Layers"/>.</summary>
    public IReadOnlyList<IReadOnlyList<LayerSegment>> LayerTimelines(Interval range) =>
        [.. Layers.Select(l => l.Render(Zone, range))];

    /// <summary>The stretches within <paramref name="range"/> when nobody is on call.</summary>
    public IReadOnlyList<Interval> Gaps(Interval range) =>
        [.. Timeline(range).Where(s => s.OnDuty.IsNobody).Select(s => s.Interval)];

    /// <summary>Who is on at <paramref name="t"/>; <paramref name="cursors"/> remember how far each layer was read,
    /// so calls must come in increasing order of <paramref name="t"/>.</summary>
    private static OnDuty At(
        Instant t,
        IReadOnlyList<IReadOnlyList<LayerSegment>> layers,
        int[] cursors,
        List<(ScheduleOverride Override, int Index)> overrides)
    {
        var active = overrides.Where(x => x.Override.Covers(t)).ToList();
        var replacing = active.Where(x => x.Override.Mode == OverrideMode.Replace).ToList();
        if (replacing.Count > 0)
        {
            return new OnDuty(People(replacing.Select(x => x.Override.Person)), null, [.. replacing.Select(x => x.Index)]);
        }

        int? layer = null;
        IReadOnlyList<string> fromLayer = [];
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            var segments = layers[i];
            while (cursors[i] < segments.Count && segments[cursors[i]].Interval.End <= t)
            {
                cursors[i]++;
            }

            if (cursors[i] < segments.Count && segments[cursors[i]].Interval.Start <= t)
            {
                layer = i;
                fromLayer = segments[cursors[i]].People;
                break;
            }
        }

        var adding = active.Where(x => x.Override.Mode == OverrideMode.Add).ToList();
        return new OnDuty(People(fromLayer.Concat(adding.Select(x => x.Override.Person))), layer, [.. adding.Select(x => x.Index)]);
    }

    private static List<string> People(IEnumerable<string> people) =>
        [.. people.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
