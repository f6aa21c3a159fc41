using System.CommandLine;
using System.Globalization;
using Firebreak.Cli.Commands;
using Firebreak.Cli.Features.Incidents;

namespace Firebreak.Cli.Features.Escalation;

/// <summary><c>firebreak incident escalate &lt;ref&gt;</c>: the next step now, a manual lever.</summary>
internal sealed class EscalateCommand : Command
{
    public EscalateCommand(IncidentContext context)
        : base("escalate", "Page the next escalation step now instead of waiting out the current delay.")
    {
        var reference = IncidentContext.ReferenceArgument();
        Arguments.Add(reference);
        this.SetCliAction(context.Env, (parse, ct) => context.ChangeAsync<EscalationStateModel>(parse, parse.GetValue(reference)!, "escalate", null,
            s => $"Escalating to step {s.NextStep?.ToString(CultureInfo.InvariantCulture) ?? "?"} now.", ct));
    }
}
