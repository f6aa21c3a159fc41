using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Intake;

internal sealed class IntegrationShowCommand : Command
{
    public IntegrationShowCommand(CollectionContext context)
        : base("show", "Show one integration with its URL and ready-to-paste sender configuration.")
    {
        var id = context.IdArgument();
        Arguments.Add(id);
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(context.PathOf(parse.GetValue(id)), ct),
            (output, response) => output.Integration(response.Read<IntegrationModel>()), ct));
    }
}
