using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.ActionItems;

internal sealed class ShowCommand : Command
{
    public ShowCommand(ActionContext context)
        : base("show", "Show one action item.")
    {
        var key = ActionContext.KeyArgument();
        Arguments.Add(key);
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(ActionContext.PathOf(parse.GetValue(key)!), ct),
            (output, response) => output.ActionItem(response.Read<ActionItemModel>()), ct));
    }
}
