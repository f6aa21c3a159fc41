using Firebreak.Core.OnCall;
using Firebreak.Server.Features.Config;

namespace Firebreak.Server.Features.OnCall.Config;

/// <summary>
/// An on-call schedule as config declares it, known by its key. <see cref="ManagesOverrides"/> is false when the file has
/// no <c>overrides:</c>: overrides added in the UI or API (someone covering tonight) are then kept.
/// </summary>
/// <param name="Lines">Where each part is written: <c>time_zone</c>, <c>layer 1</c>, <c>layer 1.shift</c>, <c>override 2</c>….</param>
public sealed record ScheduleConfig(string Key, string Name, ScheduleSpec Spec, bool ManagesOverrides, SourceRef Where, IReadOnlyDictionary<string, SourceRef> Lines)
{
    public SourceRef Line(string part) => Lines.GetValueOrDefault(part) ?? Where;
}

/// <summary>The schedules a folder of config declares, as <c>set.Schedules</c>.</summary>
public static class ScheduleConfigSet
{
    extension(ConfigSet set)
    {
        public IReadOnlyList<ScheduleConfig> Schedules => set.Of<ScheduleConfig>();
    }
}
