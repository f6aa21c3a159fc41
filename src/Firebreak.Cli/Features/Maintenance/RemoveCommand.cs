using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Maintenance;

internal sealed class RemoveCommand : Command
{
    public RemoveCommand(MaintenanceContext context)
        : base("remove", "Delete a maintenance window (admin); the service's alerts page again at once if it was active.")
    {
        Aliases.Add("rm");
        var service = MaintenanceContext.ServiceArgument();
        var id = new Argument<long>("id") { Description = "Window id, as 'firebreak maintenance list' shows it." };
        Arguments.Add(service);
        Arguments.Add(id);
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.DeleteAsync(MaintenanceContext.PathOf(parse.GetValue(service)!, parse.GetValue(id)), ct),
            (output, response) =>
            {
                var removed = response.Read<MaintenanceModel>();
                output.Line($"Removed maintenance window {removed.Id} from {removed.Service}: {removed.Reason}");
            }, ct));
    }
}
