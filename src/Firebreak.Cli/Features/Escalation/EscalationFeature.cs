using System.CommandLine;
using Firebreak.Cli.Features.Incidents;

namespace Firebreak.Cli.Features.Escalation;

/// <summary><c>firebreak policy …</c>, and <c>incident escalation|escalate|reassign</c> added to the Incidents feature's group.</summary>
internal static class EscalationFeature
{
    public static void Add(RootCommand root, CliEnvironment env)
    {
        root.Subcommands.Add(new PolicyCommand(env));
        IncidentsFeature.AddVerb(root, context => new IncidentEscalationCommand(context));
        IncidentsFeature.AddVerb(root, context => new EscalateCommand(context));
        IncidentsFeature.AddVerb(root, context => new ReassignCommand(context));
    }
}
