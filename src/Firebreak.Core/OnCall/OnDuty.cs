using NodaTime;

namespace Firebreak.Core.OnCall;

/// <summary>
/// Who is on call and what put them there: the index of the layer (null when a replacing override or nobody is on)
/// and the indexes of the overrides in force. <see cref="People"/> is sorted and has no duplicates.
/// </summary>
public sealed record OnDuty(IReadOnlyList<string> People, int? Layer, IReadOnlyList<int> Overrides)
{
    public static OnDuty Nobody { get; } = new([], null, []);

    public bool IsNobody => People.Count == 0;

    /// <summary>Compares the lists' contents: records would compare them by reference.</summary>
    public bool Equals(OnDuty? other) =>
        other is not null && Layer == other.Layer
        && People.SequenceEqual(other.People, StringComparer.Ordinal) && Overrides.SequenceEqual(other.Overrides);

    public override int GetHashCode() => HashCode.Combine(Layer, People.Count, Overrides.Count);
}

/// <summary>A stretch of a schedule's final timeline with the same people on, from the same sources.</summary>
public sealed record ScheduleSegment(Interval Interval, OnDuty OnDuty);
