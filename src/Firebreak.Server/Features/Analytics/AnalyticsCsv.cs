using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Firebreak.Core.Analytics;

namespace Firebreak.Server.Features.Analytics;

/// <summary>Each table of the report as CSV, the same rows the page shows under its chart; durations in seconds.</summary>
public static class AnalyticsCsv
{
    public static readonly IReadOnlyList<string> Tables = ["response-times", "compliance", "weeks", "false-positives", "on-call", "action-items"];

    // Service and team keys come from people and config: "=cmd|..." must stay text when opened in a spreadsheet.
    private static readonly CsvConfiguration s_config = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    /// <summary>The table's CSV, or null when there is no table of that name.</summary>
    public static string? Write(string table, AnalyticsReport report) => table switch
    {
        "response-times" => Write(["grouped_by", "group", "incidents", "metric", "count", "median_seconds", "p90_seconds"], ResponseTimeRows(report)),
        "compliance" => Write(["target", "met", "missed", "pending", "rate"], ComplianceRows(report.Compliance)),
        "weeks" => Write(["week", "monday", "incidents", "false_positives"],
            report.Weeks.Select(w => Row(w.Week, w.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.Incidents, w.FalsePositives))),
        "false-positives" => Write(["severity", "incidents", "false_positives", "rate"],
            report.FalsePositives.Select(f => Row(f.Severity, f.Incidents, f.FalsePositives, f.Rate))),
        "on-call" => Write(["person", "pages", "out_of_hours", "nights_woken"],
            report.OnCall.Select(p => Row(p.Person, p.Pages, p.OutOfHours, p.NightsWoken))),
        "action-items" => Write(["opened", "closed", "overdue_now"],
            [Row(report.ActionItems.Opened, report.ActionItems.Closed, report.ActionItems.OverdueNow)]),
        _ => null,
    };

    public static IEnumerable<(string GroupedBy, GroupTimes Group)> ResponseTimeGroups(AnalyticsReport report) =>
        new[] { ("all", report.Overall) }
            .Concat(report.BySeverity.Select(g => ("severity", g)))
            .Concat(report.ByService.Select(g => ("service", g)))
            .Concat(report.ByTeam.Select(g => ("team", g)))
            .Concat(report.ByMonth.Select(g => ("month", g)));

    public static IEnumerable<(string Name, DurationSummary Summary)> Metrics(ResponseTimes t) =>
        [("ttd", t.Ttd), ("tta", t.Tta), ("ttm", t.Ttm), ("ttr", t.Ttr)];

    public static IEnumerable<(string Name, ComplianceFigure Figure)> Targets(Compliance c) =>
        [("acknowledge", c.Acknowledge), ("mitigate", c.Mitigate), ("update_cadence", c.UpdateCadence), ("review_on_time", c.ReviewOnTime)];

    private static IEnumerable<object?[]> ResponseTimeRows(AnalyticsReport report) =>
        from g in ResponseTimeGroups(report)
        from m in Metrics(g.Group.Times)
        select Row(g.GroupedBy, g.Group.Group, g.Group.Incidents, m.Name, m.Summary.Count, m.Summary.MedianSeconds, m.Summary.P90Seconds);

    private static IEnumerable<object?[]> ComplianceRows(Compliance c) =>
        Targets(c).Select(t => Row(t.Name, t.Figure.Met, t.Figure.Missed, t.Figure.Pending, t.Figure.Rate));

    private static object?[] Row(params object?[] fields) => fields;

    private static string Write(string[] header, IEnumerable<object?[]> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(text, s_config);
        foreach (var h in header)
        {
            csv.WriteField(h);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var field in row)
            {
                csv.WriteField(field switch
                {
                    null => "",
                    double d => d.ToString("0.###", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => field.ToString(),
                });
            }

            csv.NextRecord();
        }

        csv.Flush();
        return text.ToString();
    }
}
