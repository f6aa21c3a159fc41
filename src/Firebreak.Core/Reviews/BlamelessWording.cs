using System.Text.RegularExpressions;

namespace Firebreak.Core.Reviews;

/// <summary>A phrase in a review that points at a person rather than at the system, and a way to say it instead.</summary>
public sealed record BlameFlag(string Phrase, string Suggestion);

/// <summary>
/// Blameless wording: a short list of phrases that put the fault on a person. They are flagged in the editor, never
/// refused, because the words can be right ("the check failed to run") and the writer knows best.
/// </summary>
public static partial class BlamelessWording
{
    private static readonly (Regex Pattern, string Suggestion)[] s_rules =
    [
        (ShouldHave(), "Say what would have helped and why it was not there (a check, an alert, a default)."),
        (HumanError(), "Name the condition that made the mistake easy, not the person who made it."),
        (Careless(), "Describe what the person saw and knew at the time."),
        (FailedTo(), "Say what the system did not make easy or visible."),
        (Fault(), "Reviews look for causes in the system, not for someone at fault."),
        (Blame(), "Reviews look for causes in the system, not for someone to blame."),
        (Obviously(), "What is obvious afterwards was not at the time: say what was known then."),
        (Forgot(), "Ask what would have reminded them: a checklist, an automation, an alert."),
    ];

    /// <summary>Each blame phrase in <paramref name="text"/>, in order of appearance, with a suggestion.</summary>
    public static IReadOnlyList<BlameFlag> Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return [.. s_rules
            .SelectMany(r => r.Pattern.Matches(text).Select(m => (m.Index, Flag: new BlameFlag(m.Value, r.Suggestion))))
            .OrderBy(f => f.Index)
            .Select(f => f.Flag)];
    }

    [GeneratedRegex(@"\b(should|shouldn't|should not)\s+(have|'ve)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShouldHave();

    [GeneratedRegex(@"\b(human|operator|user)\s+error\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HumanError();

    [GeneratedRegex(@"\b(careless(ly|ness)?|negligen(t|ce)|sloppy|lazy)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Careless();

    [GeneratedRegex(@"\bfailed\s+to\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FailedTo();

    [GeneratedRegex(@"\b[\p{L}\p{N}_.-]+'s\s+fault\b|\b(his|her|their|your|my)\s+fault\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Fault();

    [GeneratedRegex(@"\b(to\s+blame|blamed?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Blame();

    [GeneratedRegex(@"\b(obviously|clearly should)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Obviously();

    [GeneratedRegex(@"\bforgot\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Forgot();
}
