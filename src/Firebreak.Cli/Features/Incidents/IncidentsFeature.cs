using System.CommandLine;

namespace Firebreak.Cli.Features.Incidents;

/// <summary>
/// <c>firebreak incident declare|list|show|ack|status|severity|assign|note|resolve|merge|impact-start</c>. Features that work on an
/// incident add their verbs through <see cref="AddVerb"/>; this feature never names them.
/// </summary>
internal static class IncidentsFeature
{
    public static void Add(RootCommand root, CliEnvironment env) => root.Subcommands.Add(new IncidentCommand(env));

    /// <summary>Adds a verb to <c>firebreak incident</c>, from a feature composed after this one.</summary>
    public static void AddVerb(RootCommand root, Func<IncidentContext, Command> verb) =>
        (root.Subcommands.OfType<IncidentCommand>().SingleOrDefault()
            ?? throw new InvalidOperationException("Compose the Incidents feature before the features that add incident verbs."))
        .AddVerb(verb);
}
