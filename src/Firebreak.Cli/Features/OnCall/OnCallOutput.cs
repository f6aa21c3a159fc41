using Firebreak.Cli.Output;
using Spectre.Console;
using static Firebreak.Cli.Output.OutputFormatter;

namespace Firebreak.Cli.Features.OnCall;

/// <summary>Who is on call, on one schedule or all, and a layer's new rota.</summary>
internal static class OnCallOutput
{
    public static void OnCall(this OutputFormatter output, OnCallModel duty)
    {
        var who = duty.People.Count == 0 ? "nobody (a gap: alerts on this schedule page no one)" : string.Join(", ", duty.People);
        var via = duty.Override ? " (override)" : duty.Layer is { } layer ? $" ({layer})" : "";
        output.Line($"{duty.Schedule} at {Time(duty.At)} UTC: {who}{via}");
    }

    public static void OnCallEverywhere(this OutputFormatter output, IReadOnlyList<ScheduleModel> schedules) => output.Rows(schedules,
        "No schedules yet: create one with PUT /api/v1/schedules/{key}.",
        ["SCHEDULE", "NAME", "ON CALL NOW", "TIME ZONE", "GAPS (NEXT 4 WEEKS)"],
        s =>
        [
            Plain(s.Key),
            Plain(s.Name),
            s.OnCallNow.Count == 0 ? new Text("nobody", new Style(Color.Red)) : Plain(string.Join(", ", s.OnCallNow)),
            Plain(s.TimeZone),
            s.Gaps.Count == 0 ? Plain("-") : new Text($"{s.Gaps.Count}, first {Time(s.Gaps[0].From)} UTC", new Style(Color.Yellow)),
        ]);

    public static void Participants(this OutputFormatter output, ScheduleLayersModel schedule, string layerName)
    {
        var layer = schedule.Layers.Select((l, i) => (Name: l.Name ?? $"Layer {i + 1}", l.Participants)).FirstOrDefault(l => l.Name == layerName);
        var slots = layer.Participants is null ? "?" : string.Join(", ", layer.Participants.Select(s => string.Join("+", s)));
        var now = schedule.OnCallNow.Count == 0 ? "nobody" : string.Join(", ", schedule.OnCallNow);
        output.Line($"{schedule.Key} layer {layerName}: {slots}");
        output.Line($"On call now: {now}");
    }
}
