using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Incidents;

internal sealed class ShowCommand : Command
{
    public ShowCommand(IncidentContext context)
        : base("show", "Show one incident: roles, response times, checklist and timeline.")
    {
        var reference = IncidentContext.ReferenceArgument();
        Arguments.Add(reference);
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(IncidentContext.PathOf(parse.GetValue(reference)!), ct),
            (output, response) => output.Incident(response.Read<IncidentDetailModel>()), ct));
    }
}
