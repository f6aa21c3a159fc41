namespace Firebreak.Core.Severity;

/// <summary>One level of a severity scheme. Rank 0 is the most severe.</summary>
public sealed record SeverityLevel(
    string Key,
    string Name,
    int Rank,
    string Description,
    ResponseTargets Targets,
    IReadOnlyList<string> Checklist);
