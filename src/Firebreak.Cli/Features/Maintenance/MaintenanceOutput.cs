using Firebreak.Cli.Output;
using Spectre.Console;
using static Firebreak.Cli.Output.OutputFormatter;

namespace Firebreak.Cli.Features.Maintenance;

/// <summary>Maintenance windows.</summary>
internal static class MaintenanceOutput
{
    public static void MaintenanceWindows(this OutputFormatter output, IReadOnlyList<MaintenanceModel> windows) => output.Rows(windows,
        "No maintenance windows: every alert on this service can page.",
        ["ID", "KIND", "SCHEDULE", "TIME ZONE", "ACTIVE", "NEXT START (UTC)", "REASON", "BY"],
        w =>
        [
            Plain(Number(w.Id)),
            Plain(w.Kind),
            Plain(Schedule(w)),
            Plain(w.TimeZone),
            w.ActiveNow ? new Text("active", new Style(Color.Yellow)) : Plain("-"),
            Plain(w.NextStart is { } next ? Time(next) : "-"),
            Plain(w.Reason),
            Plain(w.CreatedBy),
        ]);

    public static void MaintenanceAdded(this OutputFormatter output, MaintenanceModel w)
    {
        var when = w.ActiveNow ? "active now" : w.NextStart is { } next ? $"next starts {Time(next)} UTC" : "never starts again";
        output.Line($"Added maintenance window {w.Id} on {w.Service}: {Schedule(w)} ({w.TimeZone}); {when}.");
    }

    private static string Schedule(MaintenanceModel w)
    {
        var length = w.LengthSeconds is { } seconds ? $" for {Duration(seconds)}" : "";
        return w.Kind switch
        {
            "once" => $"{(w.StartsAt is { } from ? Time(from) : "?")} to {(w.EndsAt is { } to ? Time(to) : "?")} UTC",
            "weekly" => $"{string.Join(',', w.Days ?? [])} {w.StartTime}{length}",
            "cron" => $"'{w.Cron}'{length}",
            _ => w.Kind,
        };
    }
}
