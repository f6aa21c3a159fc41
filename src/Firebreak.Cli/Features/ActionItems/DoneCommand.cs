using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.ActionItems;

internal sealed class DoneCommand : Command
{
    private readonly Option<bool> _wont = new("--wont") { Description = "Close it as won't do instead: decided against, not done." };

    public DoneCommand(ActionContext context)
        : base("done", "Close an action item as done, or as won't do with --wont (responder).")
    {
        var key = ActionContext.KeyArgument();
        Arguments.Add(key);
        Options.Add(_wont);
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.PatchAsync(ActionContext.PathOf(parse.GetValue(key)!), new { status = parse.GetValue(_wont) ? "wont_do" : "done" }, ct),
            (output, response) => output.ActionItemClosed(response.Read<ActionItemModel>()), ct));
    }
}
