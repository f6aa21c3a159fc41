namespace Firebreak.Core.Severity;

/// <summary>An ordered set of severity levels, most severe first.</summary>
public sealed record SeverityScheme(string Name, IReadOnlyList<SeverityLevel> Levels)
{
    public SeverityLevel? Find(string key) =>
        Levels.FirstOrDefault(l => string.Equals(l.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Problems that make the scheme unusable; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Levels.Count == 0)
        {
            problems.Add("a severity scheme needs at least one level");
        }

        foreach (var dup in Levels.GroupBy(l => l.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"severity key '{dup.Key}' is defined more than once");
        }

        foreach (var level in Levels)
        {
            if (string.IsNullOrWhiteSpace(level.Key))
            {
                problems.Add("a severity level has an empty key");
            }

            if (level.Targets.AcknowledgeWithin is { } ack && level.Targets.MitigateWithin is { } mit && mit < ack)
            {
                problems.Add($"severity '{level.Key}': mitigate target ({mit}) is shorter than acknowledge target ({ack})");
            }
        }

        return problems;
    }
}
