using Firebreak.Cli.Output;
using Spectre.Console;
using static Firebreak.Cli.Output.OutputFormatter;

namespace Firebreak.Cli.Features.Runbooks;

/// <summary>Runbooks and their runs: the list, one runbook with its text, a run's steps, and one step's result.</summary>
internal static class RunbookOutput
{
    private const string AwaitingApproval = "awaiting_approval";

    public static void Runbooks(this OutputFormatter output, IReadOnlyList<RunbookSummaryModel> runbooks, string? health) => output.Rows(runbooks,
        health is null
            ? "No runbooks yet: put Markdown runbooks in a runbooks/ folder beside your config and run 'firebreak config apply'."
            : $"No runbooks with health {health}.",
        ["KEY", "TITLE", "HEALTH", "VERSION", "OWNER", "SERVICES"],
        r =>
        [
            Plain(r.Key),
            Plain(r.Title),
            Health(r.Health),
            Plain(Number(r.Version)),
            Plain(r.Owner ?? "-"),
            Plain(r.Services.Count == 0 ? "-" : string.Join(", ", r.Services)),
        ]);

    public static void Offered(this OutputFormatter output, string incident, IReadOnlyList<RunbookMatchModel> matches) => output.Rows(matches,
        $"No runbook is offered for incident {incident}: none matches its alerts or its service.",
        ["KEY", "TITLE", "VERSION", "WHY"],
        m => [Plain(m.Key), Plain(m.Title), Plain(Number(m.Version)), Plain(m.Why)]);

    public static void Runbook(this OutputFormatter output, RunbookModel model)
    {
        var r = model.Runbook;
        output.Render(new Text($"{r.Title} ({r.Key})\n", Bold));
        var pairs = Pairs();
        pairs.AddRow(Plain("Health"), Health(r.Health));
        AddIfPresent(pairs, "Needs update", r.NeedsUpdate);
        pairs.AddRow(Plain("Validated"), Plain(r.ValidatedAt is { } at ? $"{Time(at)} by {r.ValidatedBy}" : "never"));
        pairs.AddRow(Plain("Version"), Plain($"{Number(r.Version)} ({r.Source}, updated {Time(r.UpdatedAt)})"));
        pairs.AddRow(Plain("Owner"), Plain(r.Owner ?? "none"));
        AddIfPresent(pairs, "Review every", model.ReviewEvery);
        AddIfPresent(pairs, "Severity", model.Severity);
        AddIfPresent(pairs, "Services", string.Join(", ", r.Services));
        AddIfPresent(pairs, "Matches", string.Join(", ", r.Match));
        output.Render(pairs);
        output.Section("Steps");
        output.Rows(model.Steps, "No steps: the runbook is read, not run.", ["#", "KIND", "TITLE", "SECTION", "APPROVAL"],
            s => [Plain(Number(s.Number)), Plain(s.Kind), Plain(s.Title), Plain(s.Section), Approval(s.Dangerous)]);
        output.Section("Text");
        output.Line(model.Text.TrimEnd());
    }

    public static void Started(this OutputFormatter output, RunModel run)
    {
        output.Line($"Started run {Number(run.Id)}: '{run.Title}' version {Number(run.Version)} on incident {Number(run.Incident)}.");
        output.Line($"Run a step with 'firebreak runbook run --run {Number(run.Id)} --step N' (or the automated ones in order with --all), end with 'firebreak runbook finish --run {Number(run.Id)} --worked'.");
        output.Line("");
        output.Steps(run);
    }

    public static void Runs(this OutputFormatter output, string incident, IReadOnlyList<RunModel> runs)
    {
        if (runs.Count == 0)
        {
            output.Line($"No runbook runs on incident {incident}: start one with 'firebreak runbook run --incident {incident} KEY'.");
            return;
        }

        foreach (var run in runs)
        {
            output.Render(new Text($"Run {Number(run.Id)}: {run.Title} ({run.Runbook} version {Number(run.Version)})\n", Bold));
            output.Line($"Started {Time(run.StartedAt)} by {run.StartedBy}; {Verdict(run)}");
            output.Steps(run);
            output.Line("");
        }
    }

    public static void Finished(this OutputFormatter output, RunModel run) =>
        output.Line($"Run {Number(run.Id)} of '{run.Title}' finished: {Verdict(run)}");

    /// <summary>The newest result of step <paramref name="number"/> in the run the server returned.</summary>
    public static void StepResult(this OutputFormatter output, RunModel run, int number)
    {
        var step = run.Steps.FirstOrDefault(s => s.Number == number);
        var result = run.Results.Where(x => x.Number == number).MaxBy(x => x.Id);
        var title = step?.Title ?? result?.Step ?? "?";
        if (result is null)
        {
            output.Line($"Step {Number(number)} '{title}' of run {Number(run.Id)}: no result yet.");
            return;
        }

        output.Render(new Text($"Step {Number(number)} '{title}' of run {Number(run.Id)}: {result.Status}\n", Bold));
        if (result.Status == AwaitingApproval)
        {
            output.Line($"It is dangerous, so it waits for approval by the incident's commander or an admin other than {result.Actor}:");
            output.Line($"  firebreak runbook approve --run {Number(run.Id)} --step {Number(number)}");
            return;
        }

        var pairs = Pairs();
        pairs.AddRow(Plain("By"), Plain(result.Actor));
        AddIfPresent(pairs, "Approved by", result.ApprovedBy);
        AddIfPresent(pairs, "Target", step?.Target);
        AddIfPresent(pairs, "HTTP status", result.HttpStatus is { } http ? Number(http) : null);
        AddIfPresent(pairs, "Exit code", result.ExitCode is { } exit ? Number(exit) : null);
        AddIfPresent(pairs, "Note", result.Note);
        output.Render(pairs);
        Stream(output, "stdout", result.Stdout);
        Stream(output, "stderr", result.Stderr);
    }

    /// <summary>Each step "run all" ran, in order, then where it stopped and why.</summary>
    public static void RanAll(this OutputFormatter output, RunAllModel all)
    {
        foreach (var number in all.Ran)
        {
            output.StepResult(all.Run, number);
        }

        var title = all.Run.Steps.FirstOrDefault(s => s.Number == all.StoppedAt)?.Title;
        output.Line($"{(all.Ran.Count == 0 ? "Nothing ran. " : "")}{(all.StoppedAt is { } n ? $"Stopped at step {Number(n)} '{title}': " : "")}{all.Stopped}.");
    }

    private static void Steps(this OutputFormatter output, RunModel run) =>
        output.Rows(run.Steps, "No steps.", ["#", "KIND", "TITLE", "STATUS", "APPROVAL"],
            s => [Plain(Number(s.Number)), Plain(s.Kind), Plain(s.Title), Plain(s.Status ?? "not run"), Approval(s.Dangerous)]);

    private static void Stream(OutputFormatter output, string name, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        output.Section(name);
        output.Line(text.TrimEnd());
    }

    private static string Verdict(RunModel run) => run.Verdict switch
    {
        null => "not finished.",
        "worked" => $"worked (by {run.FinishedBy}): the runbook is validated.",
        _ => $"needs update (by {run.FinishedBy}): {run.VerdictNote}",
    };

    private static Text Approval(bool dangerous) => dangerous ? new Text("needs approval", new Style(Color.Yellow)) : Plain("-");

    private static Text Health(string health) => health switch
    {
        "validated" => new Text(health, new Style(Color.Green)),
        "never_run" => Plain(health),
        _ => new Text(health, new Style(Color.Yellow)),
    };
}
