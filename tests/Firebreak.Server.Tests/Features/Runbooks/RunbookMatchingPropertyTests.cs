using CsCheck;
using Firebreak.Core.Intake;
using Firebreak.Server.Features.Runbooks.Format;

namespace Firebreak.Server.Tests.Features.Runbooks;

/// <summary>A runbook's <c>match:</c> means exactly what the same lines mean in a routing rule: one parser, one matcher.</summary>
public sealed class RunbookMatchingPropertyTests
{
    private static readonly string[] s_labels = ["alertname", "env", "job"];
    private static readonly string[] s_values = ["", "prod", "dev", "Pool", "pool-1", "a|b"];
    private static readonly string[] s_ops = ["=", "!=", "=~", "!~"];
    private static readonly string[] s_patterns = ["prod", "pro.*", "dev|prod", "", "P.*", ".+"];

    private static readonly Gen<string> s_matcher =
        Gen.Select(Gen.OneOfConst(s_labels), Gen.OneOfConst(s_ops), Gen.OneOfConst(s_values), Gen.OneOfConst(s_patterns))
            .Select((label, op, value, pattern) => $"{label}{op}\"{(op.EndsWith('~') ? pattern : value)}\"");

    private static readonly Gen<Dictionary<string, string>> s_alert =
        Gen.Select(Gen.OneOfConst(s_values), Gen.OneOfConst(s_values), Gen.OneOfConst(s_values))
            .Select((a, e, j) => new[] { ("alertname", a), ("env", e), ("job", j) }.Where(p => p.Item2.Length > 0).ToDictionary(p => p.Item1, p => p.Item2));

    [Fact]
    public void ARunbookMatchesAnAlert_ExactlyWhenARoutingRuleWithTheSameLinesWould() =>
        Gen.Select(s_matcher.List[1, 3], s_alert).Sample((lines, labels) =>
        {
            var text = $"---\nkey: p\ntitle: P\nmatch:\n{string.Concat(lines.Select(l => $"  - '{l}'\n"))}---\n";
            var doc = RunbookParser.Parse(text, "p.md").Document!;
            var rule = new RoutingRule("r", [.. lines.Select(l => LabelMatcher.TryParse(l, out var m, out _) ? m! : throw new InvalidOperationException(l))]);

            Assert.Equal(rule.Match, doc.Match);
            Assert.Equal(AlertRouter.Route([rule], labels).RuleIndex == 0, doc.Matches(labels));
        }, iter: 500);
}
