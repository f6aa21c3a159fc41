using Firebreak.Core.Intake;

namespace Firebreak.Core.Tests.Intake;

public sealed class RoutingRulesTests
{
    private static readonly Dictionary<string, string> s_labels = new() { ["env"] = "prod", ["service"] = "checkout-api", ["severity"] = "warning" };

    [Theory]
    [InlineData("env=prod", true)]
    [InlineData("env=\"prod\"", true)]
    [InlineData("env!=dev", true)]
    [InlineData("env!=prod", false)]
    [InlineData("service=~\"checkout-.*\"", true)]
    [InlineData("service=~checkout", false)]
    [InlineData("service!~\"search|edge\"", true)]
    [InlineData("missing=", true)]
    [InlineData("missing=x", false)]
    public void Matcher_FollowsAlertmanagerSemantics(string text, bool expected)
    {
        Assert.True(LabelMatcher.TryParse(text, out var matcher, out var error), error);
        Assert.Equal(expected, matcher!.Matches(s_labels));
    }

    [Theory]
    [InlineData("env")]
    [InlineData("=prod")]
    [InlineData("9env=prod")]
    [InlineData("env=~\"(unclosed\"")]
    public void Matcher_Invalid_ExplainsTheSyntax(string text)
    {
        Assert.False(LabelMatcher.TryParse(text, out _, out var error));
        Assert.Contains(text.Trim(), error, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_FirstMatchingRuleWins()
    {
        static LabelMatcher M(string t) => LabelMatcher.TryParse(t, out var m, out _) ? m! : throw new ArgumentException(t);
        var rules = new List<RoutingRule>
        {
            new("drop dev", [M("env=dev")], Drop: true),
            new("checkout critical", [M("service=checkout-api"), M("severity=critical")], Severity: "SEV-1"),
            new(null, [M("service=~checkout-.*")], Service: "payments"),
            new("catch-all", [], Service: "other"),
        };

        var decision = AlertRouter.Route(rules, s_labels);

        Assert.Equal((2, "service=~\"checkout-.*\"", "payments", (string?)null, false), (decision.RuleIndex, decision.RuleName, decision.Service, decision.Severity, decision.Drop));
        Assert.True(AlertRouter.Route(rules, new Dictionary<string, string> { ["env"] = "dev" }).Drop);
        Assert.Equal("other", AlertRouter.Route(rules, new Dictionary<string, string>()).Service);
        Assert.Equal(RoutingDecision.Default, AlertRouter.Route([], s_labels));
    }
}
