using Firebreak.Cli.Output;
using Spectre.Console;
using static Firebreak.Cli.Output.OutputFormatter;

namespace Firebreak.Cli.Features.Intake;

/// <summary>Integrations, their routing rules and dry runs.</summary>
internal static class IntegrationOutput
{
    // No key column: the key is the sender's credential and has no business in a listing that gets pasted around.
    public static void Integrations(this OutputFormatter output, IReadOnlyList<IntegrationModel> integrations) => output.Rows(integrations,
        "No integrations yet. Create one with: firebreak integration create --name NAME --kind alertmanager",
        ["ID", "NAME", "KIND", "SERVICE", "GROUP BY", "WINDOW", "RATE/MIN", "RULES", "STATE"],
        i =>
        [
            Plain(Number(i.Id)),
            Plain(i.Name),
            Plain(i.Kind),
            Plain(i.Service ?? "-"),
            Plain(string.Join(',', i.GroupBy ?? [])),
            Plain(Duration(i.GroupWindowSeconds)),
            Plain(i.RatePerMinute is { } rate ? Number(rate) : "-"),
            Plain(Number(i.Rules?.Count ?? 0)),
            Enabled(i.Disabled),
        ]);

    public static void Integration(this OutputFormatter output, IntegrationModel i)
    {
        output.Render(new Text($"Integration {i.Id}  {i.Name}\n", Bold));
        var header = Pairs();
        header.AddRow(Plain("Kind"), Plain(i.Kind));
        header.AddRow(Plain("State"), Enabled(i.Disabled));
        header.AddRow(Plain("Service"), Plain(i.Service ?? "- (routing rules or none)"));
        header.AddRow(Plain("Group by"), Plain(string.Join(", ", i.GroupBy ?? [])));
        header.AddRow(Plain("Window"), Plain(Duration(i.GroupWindowSeconds)));
        header.AddRow(Plain("Rate limit"), Plain(i.RatePerMinute is { } rate ? $"{Number(rate)} events/minute" : "none"));
        header.AddRow(Plain("Rules"), Plain(Number(i.Rules?.Count ?? 0)));
        header.AddRow(Plain("Created"), Plain(Time(i.CreatedAt) + " UTC"));
        output.Render(header);
        if (i.Snippets is not { } s)
        {
            return;
        }

        // Snippets go out as plain lines, never through a table, which would pad or wrap them and break the paste.
        Snippet(output, "URL", s.Url);

        // PagerDuty senders post to one shared URL and name the integration by its key in the body.
        Snippet(output, "Routing key", s.Url.Contains(i.Key, StringComparison.Ordinal) ? null : i.Key);
        Snippet(output, "Alertmanager (webhook_configs)", s.AlertmanagerWebhook);
        Snippet(output, "Alertmanager (pagerduty_configs)", s.AlertmanagerPagerDuty);
        Snippet(output, "Grafana", s.Grafana);
        Snippet(output, "Try it with curl", s.Curl);
    }

    public static void Rules(this OutputFormatter output, IReadOnlyList<RoutingRuleModel> rules) => output.Rows([.. rules.Select((rule, index) => (Rule: rule, Number: index + 1))],
        "No routing rules: every alert goes to the integration's service with the severity it was sent with.",
        ["#", "NAME", "MATCH", "SERVICE", "SEVERITY", "DROP"],
        r =>
        [
            Plain(Number(r.Number)),
            Plain(r.Rule.Name ?? "-"),
            Plain(r.Rule.Match is { Count: > 0 } match ? string.Join(", ", match) : "(everything)"),
            Plain(r.Rule.Service ?? "-"),
            Plain(r.Rule.Severity ?? "-"),
            Plain(r.Rule.Drop == true ? "yes" : "-"),
        ]);

    public static void DryRun(this OutputFormatter output, IReadOnlyList<DryRunResultModel> results) => output.Rows(results, "The sample holds no alerts.",
        ["SUMMARY", "RULE", "SERVICE", "SEVERITY", "GROUP KEY"],
        r =>
        [
            Plain(r.Summary),
            Plain(r.Rule ?? "(no rule matched)"),
            Plain(r.Drop ? "dropped" : r.Service ?? "-"),
            Plain(r.Drop ? "-" : r.Severity),
            Plain(r.Drop ? "-" : r.GroupKey),
        ]);

    private static void Snippet(OutputFormatter output, string title, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            output.Section(title);
            output.Line(text);
        }
    }

    private static Text Enabled(bool disabled) =>
        disabled ? new Text("disabled", new Style(Color.Yellow)) : new Text("enabled", new Style(Color.Green));
}
