using System.CommandLine;
using Firebreak.Cli;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Runbooks;
using Firebreak.Server.Hosting;

var root = new RootCommand("Firebreak: incident response in one program. Run 'firebreak serve' to start the server.")
{
    new ServeCommand(),
    new MigrateCommand(),
    new ConfigCommand(TimeProvider.System),
};
var env = CliEnvironment.FromProcess();
ClientCommands.AddTo(root, env);
RunbookLintCommand.AddTo(root, env);

return await ClientCommands.InvokeAsync(root.Parse(args), env);
