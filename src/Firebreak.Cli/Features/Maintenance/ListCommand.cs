using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Maintenance;

internal sealed class ListCommand : Command
{
    public ListCommand(MaintenanceContext context)
        : base("list", "List a service's maintenance windows, with whether each is active now and when it next starts.")
    {
        Aliases.Add("ls");
        var service = MaintenanceContext.ServiceArgument();
        Arguments.Add(service);
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(MaintenanceContext.PathOf(parse.GetValue(service)!), ct),
            (output, response) => output.MaintenanceWindows(response.Read<List<MaintenanceModel>>()), ct));
    }
}
