using Firebreak.Server.Features.Intake;

namespace Firebreak.Server.Features.Intake.Pages;

/// <summary>A routing rule as the editor holds it: matchers as the text the admin typed, one per line.</summary>
public sealed class RuleDraft
{
    public string Name { get; set; } = "";

    public string Matchers { get; set; } = "";

    public string Service { get; set; } = "";

    public string Severity { get; set; } = "";

    public bool Drop { get; set; }

    public static RuleDraft From(RoutingRuleConfig rule) => new()
    {
        Name = rule.Name ?? "",
        Matchers = string.Join('\n', rule.Match ?? []),
        Service = rule.Service ?? "",
        Severity = rule.Severity ?? "",
        Drop = rule.Drop == true,
    };

    public RoutingRuleConfig ToConfig() => new(
        Blank(Name),
        [.. Matchers.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)],
        Blank(Service),
        Blank(Severity),
        Drop ? true : null);

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
