using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Intake;

internal sealed class IntegrationListCommand : Command
{
    public IntegrationListCommand(CollectionContext context)
        : base("list", "List integrations by name.")
    {
        Aliases.Add("ls");
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(context.ListPath, ct),
            (output, response) => output.Integrations(response.Read<List<IntegrationModel>>()), ct));
    }
}
