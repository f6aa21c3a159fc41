using System.CommandLine;

namespace Firebreak.Server.Features.Config;

/// <summary><c>firebreak config validate|plan|apply &lt;dir&gt;</c>: config as code from an operator's shell or a pipeline.</summary>
internal sealed partial class ConfigCommand : Command
{
    public ConfigCommand(TimeProvider clock)
        : base("config", "Config as code.")
    {
        Subcommands.Add(new ValidateCommand(clock));
        Subcommands.Add(new PlanCommand());
        Subcommands.Add(new ApplyCommand());
    }

    private static Argument<string> DirArgument() => new("dir") { Description = "Folder of YAML config files." };
}
