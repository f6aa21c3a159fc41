using System.Globalization;
using Firebreak.Cli.Api;
using Spectre.Console;

namespace Firebreak.Cli.Output;

/// <summary>Integrations, their routing rules and dry runs.</summary>
internal sealed partial class OutputFormatter
{
    // No key column: the key is the sender's credential and has no business in a listing that gets pasted around.
    public void Integrations(IReadOnlyList<IntegrationModel> integrations) => Rows(integrations,
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

    public void Integration(IntegrationModel i)
    {
        Render(new Text($"Integration {i.Id}  {i.Name}\n", s_bold));
        var header = Pairs();
        header.AddRow(Plain("Kind"), Plain(i.Kind));
        header.AddRow(Plain("State"), Enabled(i.Disabled));
        header.AddRow(Plain("Service"), Plain(i.Service ?? "- (routing rules or none)"));
        header.AddRow(Plain("Group by"), Plain(string.Join(", ", i.GroupBy ?? [])));
        header.AddRow(Plain("Window"), Plain(Duration(i.GroupWindowSeconds)));
        header.AddRow(Plain("Rate limit"), Plain(i.RatePerMinute is { } rate ? $"{Number(rate)} events/minute" : "none"));
        header.AddRow(Plain("Rules"), Plain(Number(i.Rules?.Count ?? 0)));
        header.AddRow(Plain("Created"), Plain(Time(i.CreatedAt) + " UTC"));
        Render(header);
        if (i.Snippets is not { } s)
        {
            return;
        }

        // Snippets go out as plain lines, never through a table, which would pad or wrap them and break the paste.
        Snippet("URL", s.Url);

        // PagerDuty senders post to one shared URL and name the integration by its key in the body.
        Snippet("Routing key", s.Url.Contains(i.Key, StringComparison.Ordinal) ? null : i.Key);
        Snippet("Alertmanager (webhook_configs)", s.AlertmanagerWebhook);
        Snippet("Alertmanager (pagerduty_configs)", s.AlertmanagerPagerDuty);
        Snippet("Grafana", s.Grafana);
        Snippet("Try it with curl", s.Curl);
    }

    public void Rules(IReadOnlyList<RoutingRuleModel> rules) => Rows([.. rules.Select((rule, index) => (Rule: rule, Number: index + 1))],
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

    public void DryRun(IReadOnlyList<DryRunResultModel> results) => Rows(results, "The sample holds no alerts.",
        ["SUMMARY", "RULE", "SERVICE", "SEVERITY", "GROUP KEY"],
        r =>
        [
            Plain(r.Summary),
            Plain(r.Rule ?? "(no rule matched)"),
            Plain(r.Drop ? "dropped" : r.Service ?? "-"),
            Plain(r.Drop ? "-" : r.Severity),
            Plain(r.Drop ? "-" : r.GroupKey),
        ]);

    private void Snippet(string title, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            Section(title);
            Line(text);
        }
    }

    private static Text Enabled(bool disabled) =>
        disabled ? new Text("disabled", new Style(Color.Yellow)) : new Text("enabled", new Style(Color.Green));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
