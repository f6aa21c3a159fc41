namespace Firebreak.Cli.Features.Runners;

internal sealed record RunnerModel(long Id, string Name, Dictionary<string, string> Labels, string Prefix, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastSeenAt, bool Connected);

internal sealed record CreatedRunnerModel(RunnerModel Runner, string Token);

internal sealed record RunnerJobModel(long Id, string Step, List<string> Argv, Dictionary<string, string> Env, string? WorkDir, int TimeoutSeconds);

internal sealed record JobOutputAnswerModel(bool Cancel);
