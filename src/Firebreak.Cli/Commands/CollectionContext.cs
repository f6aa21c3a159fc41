using System.CommandLine;
using System.Globalization;

namespace Firebreak.Cli.Commands;

/// <summary>The context of a group whose verbs name one item by its numeric id, such as integrations and alerts.</summary>
/// <param name="collection">The API collection, e.g. "alerts" for /api/v1/alerts.</param>
/// <param name="noun">The command group's name, e.g. "alert", for help texts.</param>
internal sealed class CollectionContext(CliEnvironment env, ConnectionOptions options, string collection, string noun) : CommandContext(env, options)
{
    public string ListPath => $"api/v1/{collection}";

    public Argument<long> IdArgument() => new("id") { Description = $"The {noun}'s id, as 'firebreak {noun} list' shows it." };

    public string PathOf(long id, string? action = null) => ApiPath(collection, id.ToString(CultureInfo.InvariantCulture), action);
}
