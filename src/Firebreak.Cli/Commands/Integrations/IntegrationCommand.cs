using System.CommandLine;

namespace Firebreak.Cli.Commands.Integrations;

/// <summary><c>firebreak integration …</c>: where alerts come in. Admin only on the server.</summary>
internal sealed class IntegrationCommand : Command
{
    public IntegrationCommand(CliEnvironment env)
        : base("integration", "Create and manage alert integrations (PagerDuty Events v2, Alertmanager, Grafana) and their routing rules.")
    {
        var context = new CollectionContext(env, new ConnectionOptions().AddTo(this), "integrations", "integration");
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new ShowCommand(context));
        Subcommands.Add(new CreateCommand(context));
        Subcommands.Add(new SwitchCommand(context, enable: true));
        Subcommands.Add(new SwitchCommand(context, enable: false));
        Subcommands.Add(new TestCommand(context));
        Subcommands.Add(new RulesCommand(context));
    }
}
