using System.Globalization;
using NodaTime;

namespace Firebreak.Core.OnCall;

/// <summary>
/// One rotation of a schedule. Slot <c>(shift + RotationOffset) mod n</c> of <see cref="Participants"/> is on for each
/// shift; a slot may hold several people, who are then on together.
/// </summary>
/// <remarks>
/// Hand-offs fall at <c>Start.Date + Handoff</c> plus whole shift lengths, in the schedule's local time. The first slot
/// takes the shift containing <see cref="Start"/>, which is partial when the layer does not start at a hand-off.
/// Local times that do not exist (the skipped hour of a spring-forward night) are read with NodaTime's lenient
/// resolver: moved forward by the length of the gap, so a 02:30 hand-off happens at 03:30 new time on that day only.
/// Ambiguous local times (the repeated hour of a fall-back night) take the earlier instant, so the shift before it is the
/// shorter one and nobody is on twice.
/// </remarks>
public sealed record Layer(
    string Name,
    IReadOnlyList<IReadOnlyList<string>> Participants,
    ShiftLength Shift,
    LocalDateTime Start,
    LocalTime? Handoff = null,
    LocalDateTime? End = null,
    IReadOnlyList<Restriction>? Restrictions = null,
    int RotationOffset = 0)
{
    /// <summary>The hand-off time of day; the start's time when not given.</summary>
    public LocalTime HandoffTime => Handoff ?? Start.TimeOfDay;

    /// <summary>What is wrong with this layer; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Participants.Count == 0)
        {
            problems.Add("needs at least one participant");
        }

        for (var i = 0; i < Participants.Count; i++)
        {
            if (Participants[i].Count == 0 || Participants[i].Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"participant slot {i + 1} is empty or has a blank name");
            }
        }

        if (!Shift.IsValid)
        {
            problems.Add($"the shift length ({Shift}) must be at least 1 minute, with no negative parts");
        }

        if (End is { } end && end <= Start)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"ends ({end:yyyy-MM-dd HH:mm}) before it starts ({Start:yyyy-MM-dd HH:mm})"));
        }

        problems.AddRange((Restrictions ?? []).SelectMany(r => r.Problems()));
        var name = string.IsNullOrWhiteSpace(Name) ? "(unnamed)" : Name;
        return [.. problems.Select(p => $"layer '{name}': {p}")];
    }

    /// <summary>The layer's own segments within <paramref name="range"/>: one per shift, or per restriction window
    /// within a shift; nothing where the layer is off.</summary>
    public IReadOnlyList<LayerSegment> Render(DateTimeZone zone, Interval range)
    {
        var effective = Effective(zone);
        var from = Max(range.Start, effective.Start);
        var to = Min(range.End, effective.End);
        if (Participants.Count == 0 || from >= to)
        {
            return [];
        }

        var grid = Grid(zone);
        var first = grid.ShiftAt(effective.Start);
        var allowed = RestrictionWindows.Allowed(Restrictions ?? [], zone, new Interval(from, to));
        var segments = new List<LayerSegment>();
        var shiftStart = from;
        for (var k = grid.ShiftAt(from); shiftStart < to; k++)
        {
            var shiftEnd = Min(grid.Handoff(k + 1), to);
            if (shiftEnd <= shiftStart)
            {
                // Only a wall-clock length shorter than a DST gap gets here: its shift lies inside the gap.
                continue;
            }

            var slot = SlotOf(k - first);
            foreach (var window in allowed?.Within(shiftStart, shiftEnd) ?? [new Interval(shiftStart, shiftEnd)])
            {
                segments.Add(new LayerSegment(window, slot, Participants[slot]));
            }

            shiftStart = shiftEnd;
        }

        return segments;
    }

    /// <summary>The slot whose shift contains <paramref name="t"/> (ignoring restrictions), or null when the layer is
    /// not in effect then.</summary>
    public int? SlotAt(DateTimeZone zone, Instant t)
    {
        return Participants.Count == 0 || !Effective(zone).Contains(t) ? null : SlotOf(RotationIndexAt(zone, t));
    }

    /// <summary>When the shift containing <paramref name="t"/> ends (the next hand-off), ignoring the layer's end.</summary>
    public Instant ShiftEndAfter(DateTimeZone zone, Instant t)
    {
        var grid = Grid(zone);
        return grid.Handoff(grid.ShiftAt(t) + 1);
    }

    /// <summary>How many shifts after the layer's first one <paramref name="t"/> falls in.</summary>
    internal long RotationIndexAt(DateTimeZone zone, Instant t)
    {
        var grid = Grid(zone);
        return grid.ShiftAt(t) - grid.ShiftAt(Effective(zone).Start);
    }

    internal Interval Effective(DateTimeZone zone) => new(
        zone.AtLeniently(Start).ToInstant(),
        End is { } end ? zone.AtLeniently(end).ToInstant() : Instant.MaxValue);

    private int SlotOf(long rotationIndex) => (int)Mod(rotationIndex + RotationOffset, Participants.Count);

    private HandoffGrid Grid(DateTimeZone zone) => new(Shift, Start.Date + HandoffTime, zone);

    internal static long Mod(long value, long n) => ((value % n) + n) % n;

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}

/// <summary>Part of a layer's own timeline: who of the layer is on, and from which participant slot.</summary>
public sealed record LayerSegment(Interval Interval, int Slot, IReadOnlyList<string> People);
