using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Runbooks;

/// <summary><c>firebreak runbook finish --run ID --worked [--note] | --needs-update NOTE</c>: the verdict that validates a runbook or flags it.</summary>
internal sealed class RunbookFinishCommand : Command
{
    public RunbookFinishCommand(RunbookContext context)
        : base("finish", "End a run with a verdict: --worked validates the runbook, --needs-update \"what is wrong\" flags it for its owner.")
    {
        var run = RunbookContext.RunOption();
        run.Required = true;
        var worked = new Option<bool>("--worked") { Description = "The runbook worked as written." };
        var needsUpdate = new Option<string?>("--needs-update") { Description = "The runbook is wrong or out of date; say what, for its owner." };
        var note = new Option<string?>("--note") { Description = "A note with --worked." };
        Options.Add(run);
        Options.Add(worked);
        Options.Add(needsUpdate);
        Options.Add(note);
        Validators.Add(result =>
        {
            var isWorked = result.GetValue(worked);
            var update = result.GetValue(needsUpdate);
            if (isWorked == (update is not null))
            {
                result.AddError("Give one verdict: --worked, or --needs-update \"what is wrong\".");
            }
            else if (update is not null && string.IsNullOrWhiteSpace(update))
            {
                result.AddError("--needs-update takes a note saying what is wrong, for the runbook's owner.");
            }
            else if (update is not null && result.GetValue(note) is not null)
            {
                result.AddError("--note goes with --worked; --needs-update takes its note as its value.");
            }
        });
        this.SetCliAction(context.Env, (parse, ct) =>
        {
            var body = parse.GetValue(worked)
                ? new { verdict = "worked", note = parse.GetValue(note) }
                : new { verdict = "needs_update", note = parse.GetValue(needsUpdate) };
            return context.SendAsync(parse, api => api.PostAsync(RunbookContext.RunPath(parse.GetValue(run)!.Value, "finish"), body, ct),
                (output, r) => output.Finished(r.Read<RunModel>()), ct);
        });
    }
}
