namespace Firebreak.Server.Features.Incidents.Config;

/// <summary>A clock that stands still until moved; replays demo history through the real incident commands.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
