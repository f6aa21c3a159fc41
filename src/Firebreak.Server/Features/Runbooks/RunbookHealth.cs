namespace Firebreak.Server.Features.Runbooks;

/// <summary>
/// Whether a runbook can be trusted tonight: <c>validated</c> (a run proved it within its <c>review_every</c>),
/// <c>stale</c> (proved, but longer ago than that), <c>needs_update</c> (a run said what to change), or <c>never_run</c>.
/// </summary>
public static class RunbookHealth
{
    public const string Validated = "validated";
    public const string Stale = "stale";
    public const string NeedsUpdate = "needs_update";
    public const string NeverRun = "never_run";

    public static readonly IReadOnlyList<string> All = [NeedsUpdate, Stale, NeverRun, Validated];

    public static string Of(Runbook runbook, DateTimeOffset now) =>
        runbook.NeedsUpdate is not null ? NeedsUpdate
        : runbook.ValidatedAt is not { } validated ? NeverRun
        : runbook.ReviewEverySeconds is { } every && validated.AddSeconds(every) < now ? Stale
        : Validated;

    public static string Text(string health) => health switch
    {
        Validated => "validated",
        Stale => "stale: not proven within its review period",
        NeedsUpdate => "needs an update",
        _ => "never run",
    };
}
