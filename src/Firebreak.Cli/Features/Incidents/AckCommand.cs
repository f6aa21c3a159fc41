using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Incidents;

internal sealed class AckCommand : Command
{
    public AckCommand(IncidentContext context)
        : base("ack", "Acknowledge an incident: someone is on it (triggered → investigating).")
    {
        var reference = IncidentContext.ReferenceArgument();
        Arguments.Add(reference);
        this.SetCliAction(context.Env, (parse, ct) => context.ChangeAsync(parse, parse.GetValue(reference)!, "acknowledge", null,
            i => $"#{i.Number} acknowledged; status {i.Status}.", ct));
    }
}
