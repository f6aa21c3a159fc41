using Firebreak.Core.Intake;

namespace Firebreak.Server.Features.Runbooks.Format;

/// <summary>
/// A runbook as written: Markdown with YAML front matter that says which alerts and services it answers, who owns it
/// and how often it must be proven, and fenced <c>step</c> blocks a responder runs from the incident.
/// </summary>
public sealed record RunbookDocument(
    string Key,
    string Title,
    IReadOnlyList<string> Services,
    IReadOnlyList<LabelMatcher> Match,
    string? Owner,
    TimeSpan? ReviewEvery,
    string? Severity,
    IReadOnlyList<string> Sections,
    IReadOnlyList<RunbookStep> Steps)
{
    /// <summary>The sections a runbook is expected to have, in the order responders read them.</summary>
    public static readonly IReadOnlyList<string> KnownSections = ["Symptoms", "Diagnosis", "Recovery", "Escalation", "Prevention"];

    /// <summary>The <c>```escalate</c> blocks, in the order written.</summary>
    public IReadOnlyList<RunbookEscalation> Escalations { get; init; } = [];

    /// <summary>True when every matcher matches; a runbook without matchers answers its services' incidents only.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => Match.Count > 0 && Match.All(m => m.Matches(labels));
}

public static class StepKinds
{
    public const string Manual = "manual";
    public const string Http = "http";
    public const string Shell = "shell";

    public static readonly IReadOnlyList<string> All = [Manual, Http, Shell];
}

/// <summary>One step: numbered from 1 in the order written, under the section heading it sits in.</summary>
public abstract record RunbookStep(int Number, string Key, string Title, string Section, bool Dangerous, long Line)
{
    public abstract string Kind { get; }
}

/// <summary>Something a person does and ticks off, with instructions.</summary>
public sealed record ManualStep(int Number, string Key, string Title, string Section, bool Dangerous, long Line, string? Text)
    : RunbookStep(Number, Key, Title, Section, Dangerous, Line)
{
    public override string Kind => StepKinds.Manual;
}

/// <summary>A request the server sends under the outbound rules of notifications; how mitigation controls are pressed.</summary>
public sealed record HttpStep(
    int Number,
    string Key,
    string Title,
    string Section,
    bool Dangerous,
    long Line,
    string Method,
    string Url,
    IReadOnlyDictionary<string, string> Headers,
    string? Body,
    IReadOnlyList<int> ExpectStatus,
    TimeSpan Timeout)
    : RunbookStep(Number, Key, Title, Section, Dangerous, Line)
{
    public override string Kind => StepKinds.Http;

    /// <summary>With no expected status written, any 2xx is success.</summary>
    public bool Succeeded(int status) => ExpectStatus.Count == 0 ? status is >= 200 and < 300 : ExpectStatus.Contains(status);
}

/// <summary>A command a registered runner with the given labels runs, as an argument list, never through a shell string.</summary>
public sealed record ShellStep(
    int Number,
    string Key,
    string Title,
    string Section,
    bool Dangerous,
    long Line,
    IReadOnlyList<string> Argv,
    IReadOnlyDictionary<string, string> Runner,
    IReadOnlyDictionary<string, string> Env,
    string? WorkDir,
    int ExpectExit,
    TimeSpan Timeout)
    : RunbookStep(Number, Key, Title, Section, Dangerous, Line)
{
    public override string Kind => StepKinds.Shell;
}
