using NodaTime;

namespace Firebreak.Core.OnCall;

public enum OverrideMode
{
    /// <summary>The person is on call instead of whoever the layers put on.</summary>
    Replace,

    /// <summary>The person is on call as well as whoever the layers put on.</summary>
    Add,
}

/// <summary>Someone on call for [From, To) on top of the layers.</summary>
public sealed record ScheduleOverride(string Person, Instant From, Instant To, OverrideMode Mode = OverrideMode.Replace)
{
    public bool Covers(Instant t) => From <= t && t < To;

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Person))
        {
            yield return "names nobody";
        }

        if (To <= From)
        {
            yield return $"ends ({To}) at or before it starts ({From})";
        }

        if (!Enum.IsDefined(Mode))
        {
            yield return $"has an unknown mode '{Mode}'; use replace or add";
        }
    }
}
