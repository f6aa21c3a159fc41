using System.Globalization;
using Firebreak.Cli.Output;
using Spectre.Console;
using static Firebreak.Cli.Output.OutputFormatter;

namespace Firebreak.Cli.Features.Escalation;

/// <summary>Escalation policies, and where an incident's escalation stands with every page sent.</summary>
internal static class EscalationOutput
{
    public static void Policies(this OutputFormatter output, IReadOnlyList<PolicyModel> policies) => output.Rows(policies,
        "No escalation policies yet: declare them under escalation_policies: in config, or PUT /api/v1/escalation-policies/{key}.",
        ["KEY", "NAME", "STEPS", "REPEATS", "RULES", "SERVICES"],
        p =>
        [
            Plain(p.Key),
            Plain(p.Name),
            Plain(string.Join(" → ", p.Steps.Select(s => string.Join(", ", s.Targets)))),
            Plain(p.Repeats.ToString(CultureInfo.InvariantCulture)),
            Plain(p.Rules.Count.ToString(CultureInfo.InvariantCulture)),
            Plain(p.Services.Count == 0 ? "-" : string.Join(", ", p.Services)),
        ]);

    public static void Policy(this OutputFormatter output, PolicyModel p)
    {
        output.Render(new Text($"{p.Name} ({p.Key})\n", Bold));
        var header = Pairs();
        AddIfPresent(header, "Description", p.Description);
        header.AddRow(Plain("Repeats"), Plain(p.Repeats == 0 ? "no: the steps run once" : $"{p.Repeats} more time(s) while unacknowledged"));
        header.AddRow(Plain("Services"), Plain(p.Services.Count == 0 ? "none" : string.Join(", ", p.Services)));
        output.Render(header);

        output.Section("Steps");
        var steps = output.NewTable("STEP", "NOTIFY", "THEN WAIT");
        for (var i = 0; i < p.Steps.Count; i++)
        {
            steps.AddRow(Plain((i + 1).ToString(CultureInfo.InvariantCulture)), Plain(string.Join(", ", p.Steps[i].Targets)), Plain(p.Steps[i].Delay ?? "-"));
        }

        output.Render(steps);
        if (p.Rules.Count > 0)
        {
            output.Section("Rules");
            var rules = output.NewTable("RULE", "WHEN", "NOTIFY");
            foreach (var r in p.Rules)
            {
                rules.AddRow(Plain(r.Key ?? "-"), Plain(string.Join(" and ", r.When)), Plain(string.Join(", ", r.Notify)));
            }

            output.Render(rules);
        }
    }

    public static void Escalation(this OutputFormatter output, EscalationStateModel s)
    {
        var pairs = Pairs();
        pairs.AddRow(Plain("Policy"), Plain(s.Policy is null ? "none" : $"{s.PolicyName} ({s.Policy})"));
        pairs.AddRow(Plain("Current step"), Plain(s.CurrentStep is { } c ? c.ToString(CultureInfo.InvariantCulture) : "none fired yet"));
        pairs.AddRow(Plain("Next"), s.Stopped
            ? new Text($"stopped: {s.StoppedBecause ?? "nothing left to page"}", new Style(Color.Green))
            : Plain(string.Create(CultureInfo.InvariantCulture, $"step {s.NextStep} due in {Math.Ceiling(s.NextStepInSeconds ?? 0):0} s")));
        if (s.FiredRules.Count > 0)
        {
            pairs.AddRow(Plain("Rules fired"), Plain(string.Join(", ", s.FiredRules)));
        }

        output.Render(pairs);
        output.Section("Deliveries (UTC)");
        output.Rows(s.Deliveries, "No pages sent yet.", ["TIME", "PERSON", "CHANNEL", "ATTEMPT", "STATUS", "ERROR"], d =>
        [
            Plain((d.FinishedAt ?? d.DueAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            Plain(d.Username),
            Plain(d.Channel),
            // The API counts retries from 0; people (and the incident page) count attempts from 1.
            Plain((d.Attempt + 1).ToString(CultureInfo.InvariantCulture)),
            DeliveryStatus(d.Status),
            Plain(d.Error ?? "-"),
        ]);
    }

    private static Text DeliveryStatus(string status) => new(status, status switch
    {
        "failed" => new Style(Color.Red),
        "sent" => new Style(Color.Green),
        "queued" or "sending" => new Style(Color.Yellow),
        _ => Style.Plain,
    });
}
