using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.ActionItems;

/// <summary>What action verbs add to the shared context: the key argument and paths.</summary>
internal sealed class ActionContext(CliEnvironment env, ConnectionOptions options) : CommandContext(env, options)
{
    public const string Collection = "api/v1/action-items";

    public static Argument<string> KeyArgument() => new("key") { Description = "Action item key, e.g. FB-12." };

    public static string PathOf(string key) => ApiPath("action-items", key);
}
