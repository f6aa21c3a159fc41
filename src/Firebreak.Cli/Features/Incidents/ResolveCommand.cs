using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Incidents;

internal sealed class ResolveCommand : Command
{
    public ResolveCommand(IncidentContext context)
        : base("resolve", "Resolve an incident: impact is over.")
    {
        var reference = IncidentContext.ReferenceArgument();
        var note = new Option<string?>("--note") { Description = "How it ended, for the timeline." };
        Arguments.Add(reference);
        Options.Add(note);
        this.SetCliAction(context.Env, (parse, ct) => context.ChangeAsync(parse, parse.GetValue(reference)!, "resolve",
            parse.GetValue(note) is { } text ? new { text } : null,
            i => $"#{i.Number} resolved{(i.Metrics?.Ttr is { } ttr ? $" after {ttr.Text}" : "")}.", ct));
    }
}
