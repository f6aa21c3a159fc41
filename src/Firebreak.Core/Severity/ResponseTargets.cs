namespace Firebreak.Core.Severity;

/// <summary>What a severity level promises: how fast we acknowledge, mitigate, update and review.</summary>
public sealed record ResponseTargets(
    TimeSpan? AcknowledgeWithin,
    TimeSpan? MitigateWithin,
    TimeSpan? UpdateEvery,
    TimeSpan? ReviewWithin)
{
    public static readonly ResponseTargets None = new(null, null, null, null);
}
