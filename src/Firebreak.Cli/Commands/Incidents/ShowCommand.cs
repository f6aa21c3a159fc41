using System.CommandLine;
using Firebreak.Cli.Api;

namespace Firebreak.Cli.Commands.Incidents;

internal sealed class ShowCommand : Command
{
    public ShowCommand(IncidentContext context)
        : base("show", "Show one incident: roles, response times, checklist and timeline.")
    {
        var reference = IncidentContext.ReferenceArgument();
        Arguments.Add(reference);
        this.SetCliAction(context.Env, async (parse, ct) =>
        {
            using var api = await context.ConnectAsync(parse, ct);
            var response = await api.GetAsync(IncidentContext.PathOf(parse.GetValue(reference)!), ct);
            var output = context.Output();
            if (context.WantsJson(parse))
            {
                output.Json(response.Body);
            }
            else
            {
                output.Incident(response.Read<IncidentDetailModel>());
            }

            return ExitCodes.Ok;
        });
    }
}
