using System.Globalization;
using Firebreak.Cli.Output;
using Spectre.Console;
using static Firebreak.Cli.Output.OutputFormatter;

namespace Firebreak.Cli.Features.Intake;

/// <summary>Alerts and their event logs.</summary>
internal static class AlertOutput
{
    public static void Alerts(this OutputFormatter output, IReadOnlyList<AlertSummaryModel> alerts) => output.Rows(alerts, "No alerts match.",
        ["ID", "STATUS", "SEVERITY", "SUMMARY", "INTEGRATION", "INCIDENT", "COUNT", "LAST SEEN (UTC)"],
        a =>
        [
            Plain(Number(a.Id)),
            AlertStatus(a.Status),
            Plain(a.SeverityKey),
            Plain(a.Summary),
            Plain(a.Integration),
            Plain(IncidentOf(a)),
            Plain(Number(a.Occurrences)),
            Plain(Time(a.LastSeenAt)),
        ]);

    public static void Alert(this OutputFormatter output, AlertDetailModel detail)
    {
        var a = detail.Alert;
        output.Render(new Text($"Alert {a.Id}  {a.Summary}\n", Bold));
        var header = Pairs();
        header.AddRow(Plain("Status"), AlertStatus(a.Status));
        header.AddRow(Plain("Severity"), Plain(a.Severity == a.SeverityKey ? a.SeverityKey : $"{a.SeverityKey} (sent as {a.Severity})"));
        header.AddRow(Plain("Incident"), Plain(a.IncidentSlug is { } slug ? $"{IncidentOf(a)} {slug}" : IncidentOf(a)));
        header.AddRow(Plain("Integration"), Plain(a.Integration));
        header.AddRow(Plain("Dedup key"), Plain(a.DedupKey));
        AddIfPresent(header, "Source", a.Source);
        header.AddRow(Plain("First seen"), Plain(Time(a.FirstSeenAt) + " UTC"));
        header.AddRow(Plain("Last seen"), Plain($"{Time(a.LastSeenAt)} UTC ({Number(a.Occurrences)} event{(a.Occurrences == 1 ? "" : "s")})"));
        if (a.ResolvedAt is { } resolved)
        {
            header.AddRow(Plain("Resolved"), Plain(Time(resolved) + " UTC"));
        }

        output.Render(header);
        Labels(output, "Labels", detail.Labels);
        Labels(output, "Annotations", detail.Annotations);

        output.Section("Events (UTC)");
        var events = output.NewTable("TIME", "ACTION", "OUTCOME", "SUMMARY");
        foreach (var e in detail.Events ?? [])
        {
            events.AddRow(Plain(e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), Plain(e.Action), Plain(e.Outcome), Plain(e.Summary ?? ""));
        }

        output.Render(events);
    }

    private static void Labels(OutputFormatter output, string title, IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is not { Count: > 0 })
        {
            return;
        }

        output.Section(title);
        var grid = Pairs();
        foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            grid.AddRow(Plain(name), Plain(value));
        }

        output.Render(grid);
    }

    /// <summary>"#12"; or why there is none, since an alert without an incident is otherwise a puzzle.</summary>
    private static string IncidentOf(AlertSummaryModel a) => a switch
    {
        { IncidentNumber: { } n } => $"#{Number(n)}",
        { SuppressedBy: { } reason } => $"- (maintenance: {reason})",
        _ => "-",
    };

    private static Text AlertStatus(string status) => new(status, status switch
    {
        "triggered" => new Style(Color.Red, decoration: Decoration.Bold),
        "acknowledged" => new Style(Color.Yellow),
        "resolved" => new Style(Color.Green),
        _ => Style.Plain,
    });
}
