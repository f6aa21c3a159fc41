using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Intake;

/// <summary><c>enable</c> and <c>disable</c>: one class, because they differ only in the word.</summary>
internal sealed class IntegrationSwitchCommand : Command
{
    public IntegrationSwitchCommand(CollectionContext context, bool enable)
        : base(enable ? "enable" : "disable", enable
            ? "Accept events on an integration again."
            : "Refuse events on an integration (senders get an error) without deleting it or its key.")
    {
        var id = context.IdArgument();
        Arguments.Add(id);
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.PostAsync(context.PathOf(parse.GetValue(id), Name), null, ct),
            (output, response) =>
            {
                var integration = response.Read<IntegrationModel>();
                output.Line($"Integration {integration.Id} '{integration.Name}' is {(integration.Disabled ? "disabled" : "enabled")}.");
            }, ct));
    }
}
