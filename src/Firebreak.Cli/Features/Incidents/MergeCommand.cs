using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Incidents;

internal sealed class MergeCommand : Command
{
    public MergeCommand(IncidentContext context)
        : base("merge", "Fold an incident into another: its alerts move over and it is resolved as a duplicate.")
    {
        var reference = IncidentContext.ReferenceArgument();
        var into = new Option<string>("--into") { Description = "The incident that stays open, by number or slug.", Required = true };
        Arguments.Add(reference);
        Options.Add(into);
        this.SetCliAction(context.Env, (parse, ct) =>
        {
            var typed = parse.GetValue(reference)!.Trim();
            var source = typed.All(char.IsAsciiDigit) ? "#" + typed : typed;

            // The server answers with the target only, so the summary names the source as it was typed.
            return context.ChangeAsync<IncidentSummaryModel>(parse, typed, "merge", new { into = parse.GetValue(into) },
                target => $"Merged {source} into #{target.Number} {target.Title}; {source} is resolved.", ct);
        });
    }
}
