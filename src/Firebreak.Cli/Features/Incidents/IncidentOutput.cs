using System.Globalization;
using Firebreak.Cli.Output;
using Spectre.Console;
using static Firebreak.Cli.Output.OutputFormatter;

namespace Firebreak.Cli.Features.Incidents;

/// <summary>Incident lists and one incident with its roles, response times, checklist and timeline.</summary>
internal static class IncidentOutput
{
    public static void Incidents(this OutputFormatter output, IReadOnlyList<IncidentSummaryModel> incidents) => output.Rows(incidents, "No incidents match.",
        ["#", "SEVERITY", "STATUS", "TITLE", "SERVICE", "COMMANDER", "DECLARED (UTC)"],
        i =>
        [
            Plain(i.Number.ToString(CultureInfo.InvariantCulture)),
            Plain(i.Severity),
            Status(i.Status),
            Plain(i.IsDrill ? $"{i.Title} (drill)" : i.Title),
            Plain(i.Service ?? "-"),
            Plain(i.Commander ?? "-"),
            Plain(Time(i.DeclaredAt)),
        ]);

    public static void Incident(this OutputFormatter output, IncidentDetailModel i)
    {
        output.Render(new Text($"#{i.Number}  {i.Title}{(i.IsDrill ? "  (drill)" : "")}\n", Bold));
        var header = Pairs();
        header.AddRow(Plain("Ref"), Plain(i.Slug));
        header.AddRow(Plain("Severity"), Plain(i.SeverityName is { } name && name != i.Severity ? $"{i.Severity} ({name})" : i.Severity));
        header.AddRow(Plain("Status"), Status(i.Status));
        if (i.AllowedTransitions is { Count: > 0 } next)
        {
            header.AddRow(Plain("Next"), Plain(string.Join(", ", next)));
        }

        header.AddRow(Plain("Service"), Plain(i.Service is null ? "-" : i.ServiceName is { } sn && sn != i.Service ? $"{i.Service} ({sn})" : i.Service));
        header.AddRow(Plain("Declared"), Plain(Time(i.DeclaredAt) + " UTC"));
        header.AddRow(Plain("Impact began"), Plain(i.ImpactStartedAt is { } began ? Time(began) + " UTC" : "not known"));
        AddIfPresent(header, "Impact", i.Impact);
        AddIfPresent(header, "Description", i.Description);
        output.Render(header);

        output.Section("Roles");
        var roles = Pairs();
        foreach (var (role, holder) in i.Roles ?? [])
        {
            roles.AddRow(Plain(role), Plain(holder is null ? "-" : $"{holder.DisplayName} ({holder.Username})"));
        }

        output.Render(roles);

        output.Section("Response");
        var metrics = Pairs();
        // As on the incident page: an unknown start is said, with the way to set it, rather than left as a dash.
        metrics.AddRow(Plain("TTD"), Plain(i.Metrics?.Ttd is { } ttd
            ? ttd.Text
            : $"not known: no impact start (set it with 'firebreak incident impact-start {i.Number} <time>')"));
        metrics.AddRow(Plain("TTA"), Plain(Metric(i.Metrics?.Tta, i.Targets?.AcknowledgeWithinSeconds)));
        metrics.AddRow(Plain("TTM"), Plain(Metric(i.Metrics?.Ttm, i.Targets?.MitigateWithinSeconds)));
        metrics.AddRow(Plain("TTR"), Plain(Metric(i.Metrics?.Ttr, null)));
        output.Render(metrics);

        if (i.Checklist is { Count: > 0 } checklist)
        {
            output.Section("Checklist");
            var items = Pairs();
            foreach (var c in checklist)
            {
                items.AddRow(Plain(c.Done ? "[x]" : "[ ]"), Plain(c.Done && c.DoneBy is not null ? $"{c.Text}  ({c.DoneBy})" : c.Text));
            }

            output.Render(items);
        }

        output.Section("Timeline (UTC)");
        var timeline = output.NewTable("TIME", "BY", "WHAT");
        foreach (var t in i.Timeline ?? [])
        {
            timeline.AddRow(Plain(t.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), Plain(t.Actor), Plain(t.Text));
        }

        output.Render(timeline);
    }

    /// <summary>
    /// The server's text ("12m", "4m so far" while running, "not acknowledged" when the source resolved it first), with
    /// the severity's target and, as on the incident page, whether it was met or missed.
    /// </summary>
    private static string Metric(MetricModel? metric, double? targetSeconds)
    {
        var value = metric?.Text ?? "-";
        if (targetSeconds is not { } t)
        {
            return value;
        }

        var verdict = metric?.TargetMet switch
        {
            true => ", met",
            false => " — missed",
            null => "",
        };
        return $"{value}  (target {Duration(t)}{verdict})";
    }

    private static Text Status(string status) => new(status, status switch
    {
        "triggered" => new Style(Color.Red, decoration: Decoration.Bold),
        "investigating" or "identified" => new Style(Color.Yellow),
        "mitigating" or "monitoring" => new Style(Color.Blue),
        "resolved" or "closed" => new Style(Color.Green),
        _ => Style.Plain,
    });
}
