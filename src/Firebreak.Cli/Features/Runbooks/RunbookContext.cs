using System.CommandLine;
using System.Globalization;
using Firebreak.Cli.Api;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Runbooks;

/// <summary>What runbook verbs share: the options naming an incident, a run and a step, and the paths they build.</summary>
internal sealed class RunbookContext(CliEnvironment env, ConnectionOptions options) : CommandContext(env, options)
{
    public static Argument<string> KeyArgument() => new("key") { Description = "Runbook key, as 'firebreak runbook list' shows it." };

    public static Option<string> IncidentOption() => new("--incident") { Description = "Incident number (42) or slug." };

    public static Option<long?> RunOption() => new("--run") { Description = "Run id, as 'firebreak runbook run' and 'status' print it." };

    public static Option<int?> StepOption(string description) => new("--step") { Description = description };

    public static string RunPath(long run, string action) =>
        ApiPath("runbook-runs", run.ToString(CultureInfo.InvariantCulture), action);

    public static string StepPath(long run, int step, string? then = null) =>
        RunPath(run, $"steps/{step.ToString(CultureInfo.InvariantCulture)}{(then is null ? "" : "/" + then)}");

    public static string RunsPath(string incident) => ApiPath("incidents", incident, "runbook-runs");

    /// <summary>The incident's newest unfinished run of <paramref name="key"/>, the one a responder is working through.</summary>
    public static async Task<long> OpenRunAsync(ApiClient api, string incident, string key, CancellationToken ct)
    {
        var runs = (await api.GetAsync(RunsPath(incident), ct)).Read<List<RunModel>>();
        return runs.Where(r => r.FinishedAt is null && string.Equals(r.Runbook, key.Trim(), StringComparison.Ordinal))
            .OrderByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefault()
            ?? throw new CliException(ExitCodes.Refused, $"Incident {incident} has no unfinished run of runbook '{key.Trim()}'.",
                [$"Start one with 'firebreak runbook run --incident {incident} {key.Trim()}', or name a run with --run ID."]);
    }
}
