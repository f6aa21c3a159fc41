using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Intake;

internal sealed class AlertShowCommand : Command
{
    public AlertShowCommand(CollectionContext context)
        : base("show", "Show one alert: labels, annotations and every event received for it.")
    {
        var id = context.IdArgument();
        Arguments.Add(id);
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(context.PathOf(parse.GetValue(id)), ct),
            (output, response) => output.Alert(response.Read<AlertDetailModel>()), ct));
    }
}
