using System.Globalization;
using Firebreak.Cli.Api;
using Spectre.Console;

namespace Firebreak.Cli.Output;

internal sealed partial class OutputFormatter
{
    public void Policies(IReadOnlyList<PolicyModel> policies) => Rows(policies,
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

    public void Policy(PolicyModel p)
    {
        Render(new Text($"{p.Name} ({p.Key})\n", s_bold));
        var header = Pairs();
        AddIfPresent(header, "Description", p.Description);
        header.AddRow(Plain("Repeats"), Plain(p.Repeats == 0 ? "no: the steps run once" : $"{p.Repeats} more time(s) while unacknowledged"));
        header.AddRow(Plain("Services"), Plain(p.Services.Count == 0 ? "none" : string.Join(", ", p.Services)));
        Render(header);

        Section("Steps");
        var steps = NewTable("STEP", "NOTIFY", "THEN WAIT");
        for (var i = 0; i < p.Steps.Count; i++)
        {
            steps.AddRow(Plain((i + 1).ToString(CultureInfo.InvariantCulture)), Plain(string.Join(", ", p.Steps[i].Targets)), Plain(p.Steps[i].Delay ?? "-"));
        }

        Render(steps);
        if (p.Rules.Count > 0)
        {
            Section("Rules");
            var rules = NewTable("RULE", "WHEN", "NOTIFY");
            foreach (var r in p.Rules)
            {
                rules.AddRow(Plain(r.Key ?? "-"), Plain(string.Join(" and ", r.When)), Plain(string.Join(", ", r.Notify)));
            }

            Render(rules);
        }
    }

    public void Escalation(EscalationStateModel s)
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

        Render(pairs);
        Section("Deliveries (UTC)");
        Rows(s.Deliveries, "No pages sent yet.", ["TIME", "PERSON", "CHANNEL", "ATTEMPT", "STATUS", "ERROR"], d =>
        [
            Plain((d.FinishedAt ?? d.DueAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            Plain(d.Username),
            Plain(d.Channel),
            Plain(d.Attempt.ToString(CultureInfo.InvariantCulture)),
            DeliveryStatus(d.Status),
            Plain(d.Error ?? "-"),
        ]);
    }

    public void ContactMethods(IReadOnlyList<ContactMethodModel> methods) => Rows(methods,
        "No contact methods: add one with 'firebreak contact add email you@example.com', or pages cannot reach you.",
        ["ID", "KIND", "LABEL", "ADDRESS", "SIGNED"],
        m =>
        [
            Plain(m.Id.ToString(CultureInfo.InvariantCulture)),
            Plain(m.Kind),
            Plain(m.Label),
            Plain(m.Address),
            Plain(m.HasSecret ? "yes" : "-"),
        ]);

    public void NotificationRules(IReadOnlyList<NotificationRuleModel> rules, IReadOnlyList<ContactMethodModel> methods) => Rows(rules,
        "No notification rules: every contact method is used as soon as you are paged.",
        ["AFTER", "ID", "KIND", "LABEL", "ADDRESS"],
        r =>
        {
            var m = methods.FirstOrDefault(m => m.Id == r.ContactMethodId);
            return
            [
                Plain(r.DelayMinutes == 0 ? "at once" : string.Create(CultureInfo.InvariantCulture, $"{r.DelayMinutes} min")),
                Plain(r.ContactMethodId.ToString(CultureInfo.InvariantCulture)),
                Plain(m?.Kind ?? "?"),
                Plain(m?.Label ?? "?"),
                Plain(m?.Address ?? "?"),
            ];
        });

    private static Text DeliveryStatus(string status) => new(status, status switch
    {
        "failed" => new Style(Color.Red),
        "sent" => new Style(Color.Green),
        "queued" or "sending" => new Style(Color.Yellow),
        _ => Style.Plain,
    });
}
