using System.CommandLine;
using Firebreak.Cli.Api;

namespace Firebreak.Cli.Commands.Incidents;

/// <summary><c>firebreak incident escalation|escalate|reassign</c>: where paging stands, and the manual levers.</summary>
internal static class EscalationCommands
{
    public static Command Escalation(IncidentContext context)
    {
        var command = new Command("escalation", "An incident's escalation: policy, current and next step, and every page sent.");
        var reference = IncidentContext.ReferenceArgument();
        command.Arguments.Add(reference);
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(IncidentContext.PathOf(parse.GetValue(reference)!, "escalation"), ct),
            (output, r) => output.Escalation(r.Read<EscalationStateModel>()), ct));
        return command;
    }

    public static Command Escalate(IncidentContext context)
    {
        var command = new Command("escalate", "Page the next escalation step now instead of waiting out the current delay.");
        var reference = IncidentContext.ReferenceArgument();
        command.Arguments.Add(reference);
        command.SetCliAction(context.Env, (parse, ct) => context.ChangeAsync<EscalationStateModel>(parse, parse.GetValue(reference)!, "escalate", null,
            s => $"Escalating to step {s.NextStep?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} now.", ct));
        return command;
    }

    public static Command Reassign(IncidentContext context)
    {
        var command = new Command("reassign", "Page one person now, whatever the policy says, through their notification rules.");
        var reference = IncidentContext.ReferenceArgument();
        var user = new Argument<string>("user") { Description = "Username of the person to page." };
        var note = new Option<string?>("--note") { Description = "Why; it goes in the page and on the timeline." };
        command.Arguments.Add(reference);
        command.Arguments.Add(user);
        command.Options.Add(note);
        command.SetCliAction(context.Env, (parse, ct) => context.ChangeAsync<EscalationStateModel>(parse, parse.GetValue(reference)!, "reassign",
            new { user = parse.GetValue(user)!.Trim(), note = parse.GetValue(note) },
            _ => $"Paged {parse.GetValue(user)!.Trim()}.", ct));
        return command;
    }
}
