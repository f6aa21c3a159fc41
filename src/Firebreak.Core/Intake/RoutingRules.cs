using System.Text.RegularExpressions;

namespace Firebreak.Core.Intake;

public enum MatchOp
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

/// <summary>An Alertmanager-style label matcher: <c>env="prod"</c>, <c>env!=dev</c>, <c>service=~"api|web"</c>.</summary>
public sealed partial record LabelMatcher(string Label, MatchOp Op, string Value)
{
    private static readonly TimeSpan s_regexTimeout = TimeSpan.FromMilliseconds(50);

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var actual = labels.GetValueOrDefault(Label) ?? "";
        return Op switch
        {
            MatchOp.Equal => string.Equals(actual, Value, StringComparison.Ordinal),
            MatchOp.NotEqual => !string.Equals(actual, Value, StringComparison.Ordinal),
            MatchOp.Regex => RegexMatches(actual),
            _ => !RegexMatches(actual),
        };
    }

    // Anchored like Alertmanager's, with a timeout so a hostile pattern cannot stall intake; a timeout is no match.
    private bool RegexMatches(string actual)
    {
        try
        {
            return Regex.IsMatch(actual, $"^(?:{Value})$", RegexOptions.None, s_regexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public override string ToString() => $"{Label}{Op switch { MatchOp.Equal => "=", MatchOp.NotEqual => "!=", MatchOp.Regex => "=~", _ => "!~" }}\"{Value}\"";

    public static bool TryParse(string text, out LabelMatcher? matcher, out string? error)
    {
        matcher = null;
        error = null;
        var m = Syntax().Match(text.Trim());
        if (!m.Success)
        {
            error = $"'{text}' is not a matcher; write label=value, label!=value, label=~regex or label!~regex";
            return false;
        }

        var op = m.Groups["op"].Value switch
        {
            "=" => MatchOp.Equal,
            "!=" => MatchOp.NotEqual,
            "=~" => MatchOp.Regex,
            _ => MatchOp.NotRegex,
        };
        var value = m.Groups["value"].Value;
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        if (op is MatchOp.Regex or MatchOp.NotRegex)
        {
            try
            {
                _ = new Regex(value, RegexOptions.None, s_regexTimeout);
            }
            catch (ArgumentException ex)
            {
                error = $"'{text}': the regular expression is invalid ({ex.Message})";
                return false;
            }
        }

        matcher = new LabelMatcher(m.Groups["label"].Value, op, value);
        return true;
    }

    // Our own pattern, linear in its input: no timeout, which a busy machine could trip while parsing a valid config.
    [GeneratedRegex(@"^(?<label>[A-Za-z_][A-Za-z0-9_.]*)\s*(?<op>=~|!~|!=|=)\s*(?<value>.*)$")]
    private static partial Regex Syntax();
}

/// <summary>One routing rule: when every matcher matches, send to a service, set a severity, or drop.</summary>
public sealed record RoutingRule(string? Name, IReadOnlyList<LabelMatcher> Match, string? Service = null, string? Severity = null, bool Drop = false)
{
    public string Describe() => Name ?? (Match.Count == 0 ? "(matches everything)" : string.Join(", ", Match));
}

/// <summary>What routing decided for one alert. A null service or severity means "keep the integration's default".</summary>
public sealed record RoutingDecision(int? RuleIndex, string? RuleName, string? Service, string? Severity, bool Drop)
{
    public static RoutingDecision Default { get; } = new(null, null, null, null, false);
}

public static class AlertRouter
{
    /// <summary>Rules are tried in order; the first whose matchers all match decides.</summary>
    public static RoutingDecision Route(IReadOnlyList<RoutingRule> rules, IReadOnlyDictionary<string, string> labels)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule.Match.All(m => m.Matches(labels)))
            {
                return new RoutingDecision(i, rule.Describe(), rule.Service, rule.Severity, rule.Drop);
            }
        }

        return RoutingDecision.Default;
    }
}
