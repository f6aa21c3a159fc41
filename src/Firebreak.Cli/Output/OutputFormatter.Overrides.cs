using Firebreak.Cli.Api;

namespace Firebreak.Cli.Output;

/// <summary>Schedule overrides: who covers which shift.</summary>
internal sealed partial class OutputFormatter
{
    public void Overrides(IReadOnlyList<OverrideModel> overrides) => Rows(overrides,
        "No overrides: the layers decide who is on call.",
        ["ID", "PERSON", "MODE", "FROM (UTC)", "TO (UTC)"],
        o => [Plain(o.Id), Plain(o.Person), Plain(o.Mode), Plain(Time(o.From)), Plain(Time(o.To))]);

    public void OverrideChanged(string verb, string schedule, OverrideModel o) =>
        Line($"{verb} override {o.Id} on {schedule}: {o.Person} ({(o.Mode == "add" ? "as well as the rotation" : "instead of the rotation")}) {Time(o.From)} → {Time(o.To)} UTC");
}
