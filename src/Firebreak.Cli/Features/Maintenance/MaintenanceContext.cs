using System.CommandLine;
using System.Globalization;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Maintenance;

/// <summary>What maintenance verbs add to the shared context: the service argument and paths under it.</summary>
internal sealed class MaintenanceContext(CliEnvironment env, ConnectionOptions options) : CommandContext(env, options)
{
    public static Argument<string> ServiceArgument() => new("service") { Description = "Service key, e.g. payments." };

    public static string PathOf(string service, long? id = null) =>
        ApiPath("services", service, "maintenance" + (id is { } n ? "/" + n.ToString(CultureInfo.InvariantCulture) : ""));
}
