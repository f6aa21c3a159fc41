using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Intake;

/// <summary><c>firebreak integration …</c>: where alerts come in. Admin only on the server.</summary>
internal sealed class IntegrationCommand : Command
{
    public IntegrationCommand(CliEnvironment env)
        : base("integration", "Create and manage alert integrations (PagerDuty Events v2, Alertmanager, Grafana) and their routing rules.")
    {
        var context = new CollectionContext(env, new ConnectionOptions().AddTo(this), "integrations", "integration");
        Subcommands.Add(new IntegrationListCommand(context));
        Subcommands.Add(new IntegrationShowCommand(context));
        Subcommands.Add(new IntegrationCreateCommand(context));
        Subcommands.Add(new IntegrationSwitchCommand(context, enable: true));
        Subcommands.Add(new IntegrationSwitchCommand(context, enable: false));
        Subcommands.Add(new IntegrationTestCommand(context));
        Subcommands.Add(new RulesCommand(context));
    }
}
