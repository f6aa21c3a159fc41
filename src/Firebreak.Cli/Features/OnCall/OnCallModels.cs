namespace Firebreak.Cli.Features.OnCall;

// The client's view of the server's contracts, with only what the CLI shows. Not the server's own types: the CLI is
// a plain HTTP client and must keep working against a server of a slightly different version.

internal sealed record OnCallModel(string Schedule, DateTimeOffset At, List<string> People, string? Layer, bool Override);

internal sealed record GapModel(DateTimeOffset From, DateTimeOffset To);

internal sealed record ScheduleModel(string Key, string Name, string TimeZone, List<string> OnCallNow, List<GapModel> Gaps);

internal sealed record LayerModel(string? Name, List<List<string>> Participants);

internal sealed record ScheduleLayersModel(string Key, string Name, string TimeZone, List<LayerModel> Layers, List<string> OnCallNow);

internal sealed record OverrideModel(string Id, string Person, DateTimeOffset From, DateTimeOffset To, string Mode);
