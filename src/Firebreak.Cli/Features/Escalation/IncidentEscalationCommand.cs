using System.CommandLine;
using Firebreak.Cli.Commands;
using Firebreak.Cli.Features.Incidents;

namespace Firebreak.Cli.Features.Escalation;

/// <summary><c>firebreak incident escalation &lt;ref&gt;</c>: where paging stands for one incident.</summary>
internal sealed class IncidentEscalationCommand : Command
{
    public IncidentEscalationCommand(IncidentContext context)
        : base("escalation", "An incident's escalation: policy, current and next step, and every page sent.")
    {
        var reference = IncidentContext.ReferenceArgument();
        Arguments.Add(reference);
        this.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(IncidentContext.PathOf(parse.GetValue(reference)!, "escalation"), ct),
            (output, r) => output.Escalation(r.Read<EscalationStateModel>()), ct));
    }
}
