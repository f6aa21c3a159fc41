using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Incidents;

internal sealed class StatusCommand : Command
{
    public StatusCommand(IncidentContext context)
        : base("status", "Move an incident to another status: investigating, identified, mitigating, monitoring, resolved, closed.")
    {
        var reference = IncidentContext.ReferenceArgument();
        var status = new Argument<string>("status") { Description = "The new status." };
        var note = new Option<string?>("--note") { Description = "Why, for the timeline." };
        Arguments.Add(reference);
        Arguments.Add(status);
        Options.Add(note);
        this.SetCliAction(context.Env, (parse, ct) => context.ChangeAsync(parse, parse.GetValue(reference)!, "status",
            new { status = parse.GetValue(status), note = parse.GetValue(note) },
            i => $"#{i.Number} is now {i.Status}.", ct));
    }
}
