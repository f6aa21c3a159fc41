using NodaTime;

namespace Firebreak.Core.OnCall;

/// <summary>
/// The hand-off instants of one rotation: hand-off k is <c>anchor + k × length</c>, computed in local time for
/// wall-clock lengths and mapped to an instant with the lenient resolver (see <see cref="Layer"/>).
/// </summary>
internal sealed class HandoffGrid(ShiftLength length, LocalDateTime anchor, DateTimeZone zone)
{
    private readonly Instant _anchor = zone.AtLeniently(anchor).ToInstant();
    private readonly Duration _approximate = length.ApproximateDuration;

    public Instant Handoff(long k) => length.Duration is { } d
        ? _anchor + (d * k)
        : zone.AtLeniently(length.WallClockAfter(anchor, k)).ToInstant();

    /// <summary>The shift containing <paramref name="t"/>: the last hand-off at or before it.</summary>
    public long ShiftAt(Instant t)
    {
        var k = (long)Math.Floor((t - _anchor) / _approximate);
        // Wall-clock shifts differ in elapsed length (DST, month lengths), so the estimate can be a shift or two off.
        while (Handoff(k) > t)
        {
            k--;
        }

        while (Handoff(k + 1) <= t)
        {
            k++;
        }

        return k;
    }
}
