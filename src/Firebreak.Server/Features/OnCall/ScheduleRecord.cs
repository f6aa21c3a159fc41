namespace Firebreak.Server.Features.OnCall;

/// <summary>
/// A stored on-call schedule. Layers and overrides are kept as the text people wrote (<see cref="Core.OnCall.ScheduleSpec"/>
/// as JSON): validated when saved, and read back exactly as written, so an API round trip or a config diff shows no noise.
/// </summary>
public sealed class ScheduleRecord
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public required string TimeZone { get; set; }
    public required string LayersJson { get; set; }
    public required string OverridesJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
