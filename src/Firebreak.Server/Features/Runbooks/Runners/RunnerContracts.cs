namespace Firebreak.Server.Features.Runbooks.Runners;

public sealed record CreateRunnerRequest(string? Name, Dictionary<string, string>? Labels);

/// <summary>A registered runner; <see cref="JobsRunning"/> counts the shell steps it holds now.</summary>
public sealed record RunnerDto(long Id, string Name, IReadOnlyDictionary<string, string> Labels, string Prefix, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastSeenAt, bool Connected,
    int JobsRunning = 0);

/// <summary>The token is in this answer only: the server keeps its SHA-256.</summary>
public sealed record CreatedRunner(RunnerDto Runner, string Token);

/// <summary>A job as a runner receives it: the command, filled in, and its limits.</summary>
public sealed record RunnerJobDto(long Id, string Step, IReadOnlyList<string> Argv, IReadOnlyDictionary<string, string> Env, string? WorkDir, int TimeoutSeconds);

/// <summary>Output since the last report; either may be empty (a heartbeat that renews the lease and asks about cancel).</summary>
public sealed record JobOutputRequest(string? Stdout, string? Stderr);

public sealed record JobOutputAnswer(bool Cancel);

/// <summary>
/// How a job ended: an exit code, or <see cref="Outcome"/> <c>refused</c> (not on the runner's allow-list, or could not
/// start), <c>timed_out</c> or <c>cancelled</c> with the reason in <see cref="Error"/>.
/// </summary>
public sealed record JobDoneRequest(int? ExitCode, string? Outcome, string? Error, string? Stdout, string? Stderr);

public static class JobOutcomes
{
    public const string Exited = "exited";
    public const string Refused = "refused";
    public const string TimedOut = "timed_out";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Exited, Refused, TimedOut, Cancelled];
}
