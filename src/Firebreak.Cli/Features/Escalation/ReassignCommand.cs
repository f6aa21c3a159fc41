using System.CommandLine;
using Firebreak.Cli.Commands;
using Firebreak.Cli.Features.Incidents;

namespace Firebreak.Cli.Features.Escalation;

/// <summary><c>firebreak incident reassign &lt;ref&gt; &lt;user&gt;</c>: page one person now, whatever the policy says.</summary>
internal sealed class ReassignCommand : Command
{
    public ReassignCommand(IncidentContext context)
        : base("reassign", "Page one person now, whatever the policy says, through their notification rules.")
    {
        var reference = IncidentContext.ReferenceArgument();
        var user = new Argument<string>("user") { Description = "Username of the person to page." };
        var note = new Option<string?>("--note") { Description = "Why; it goes in the page and on the timeline." };
        Arguments.Add(reference);
        Arguments.Add(user);
        Options.Add(note);
        this.SetCliAction(context.Env, (parse, ct) => context.ChangeAsync<EscalationStateModel>(parse, parse.GetValue(reference)!, "reassign",
            new { user = parse.GetValue(user)!.Trim(), note = parse.GetValue(note) },
            _ => $"Paged {parse.GetValue(user)!.Trim()}.", ct));
    }
}
