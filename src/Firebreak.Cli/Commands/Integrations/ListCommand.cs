using System.CommandLine;
using Firebreak.Cli.Api;

namespace Firebreak.Cli.Commands.Integrations;

internal sealed class ListCommand : Command
{
    public ListCommand(CollectionContext context)
        : base("list", "List integrations by name.")
    {
        Aliases.Add("ls");
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(context.ListPath, ct),
            (output, response) => output.Integrations(response.Read<List<IntegrationModel>>()), ct));
    }
}
