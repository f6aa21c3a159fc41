using Firebreak.Cli.Output;
using Spectre.Console;
using static Firebreak.Cli.Output.OutputFormatter;

namespace Firebreak.Cli.Features.Catalog;

/// <summary>Services: the table of all of them, and one with every field.</summary>
internal static class ServiceOutput
{
    // Said where it shows, not only in the docs: a service without a policy is how incidents come to page nobody.
    private const string NoPolicy = "none: its incidents page nobody unless the server sets a default policy";

    public static void Services(this OutputFormatter output, IReadOnlyList<ServiceModel> services) => output.Rows(services,
        "No services yet: create one with 'firebreak service create --key KEY --name NAME', or declare it under services: in config.",
        ["KEY", "NAME", "TEAM", "TIME ZONE", "ESCALATION POLICY", "AUTO-RESOLVE"],
        s =>
        [
            Plain(s.Key),
            Plain(s.Name),
            Plain(s.Team ?? "-"),
            Plain(s.TimeZone ?? "-"),
            Plain(s.EscalationPolicy ?? "-"),
            Plain(s.AutoResolve),
        ]);

    public static void Service(this OutputFormatter output, ServiceModel s)
    {
        output.Render(new Text($"{s.Name} ({s.Key})\n", Bold));
        var pairs = Pairs();
        AddIfPresent(pairs, "Description", s.Description);
        pairs.AddRow(Plain("Team"), Plain(s.Team ?? "none"));
        pairs.AddRow(Plain("Time zone"), Plain(s.TimeZone ?? "none (UTC)"));
        pairs.AddRow(Plain("Escalation policy"), s.EscalationPolicy is { } p ? Plain(p) : new Text(NoPolicy, new Style(Color.Yellow)));
        pairs.AddRow(Plain("Auto-resolve"), Plain(s.AutoResolve == "monitoring"
            ? "monitoring: when all its alerts resolve, the incident moves to monitoring"
            : "resolved: when all its alerts resolve, the incident resolves"));
        output.Render(pairs);
    }
}
