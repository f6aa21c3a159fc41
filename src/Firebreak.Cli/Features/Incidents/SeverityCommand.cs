using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Incidents;

internal sealed class SeverityCommand : Command
{
    public SeverityCommand(IncidentContext context)
        : base("severity", "Raise or lower an incident's severity.")
    {
        var reference = IncidentContext.ReferenceArgument();
        var severity = new Argument<string>("severity") { Description = "The new severity key, e.g. SEV-1." };
        var reason = new Option<string?>("--reason") { Description = "Why, for the timeline." };
        Arguments.Add(reference);
        Arguments.Add(severity);
        Options.Add(reason);
        this.SetCliAction(context.Env, (parse, ct) => context.ChangeAsync(parse, parse.GetValue(reference)!, "severity",
            new { severity = parse.GetValue(severity), reason = parse.GetValue(reason) },
            i => $"#{i.Number} is now {i.Severity}.", ct));
    }
}
