using Firebreak.Cli.Output;
using static Firebreak.Cli.Output.OutputFormatter;

namespace Firebreak.Cli.Features.OnCall;

/// <summary>Schedule overrides: who covers which shift.</summary>
internal static class OverrideOutput
{
    public static void Overrides(this OutputFormatter output, IReadOnlyList<OverrideModel> overrides) => output.Rows(overrides,
        "No overrides: the layers decide who is on call.",
        ["ID", "PERSON", "MODE", "FROM (UTC)", "TO (UTC)"],
        o => [Plain(o.Id), Plain(o.Person), Plain(o.Mode), Plain(Time(o.From)), Plain(Time(o.To))]);

    public static void OverrideChanged(this OutputFormatter output, string verb, string schedule, OverrideModel o) =>
        output.Line($"{verb} override {o.Id} on {schedule}: {o.Person} ({(o.Mode == "add" ? "as well as the rotation" : "instead of the rotation")}) {Time(o.From)} → {Time(o.To)} UTC");
}
