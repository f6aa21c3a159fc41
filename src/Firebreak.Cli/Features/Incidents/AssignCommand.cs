using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Incidents;

internal sealed class AssignCommand : Command
{
    private const string Clear = "-";

    public AssignCommand(IncidentContext context)
        : base("assign", "Give an incident role to a user, or clear it with '-'.")
    {
        var reference = IncidentContext.ReferenceArgument();
        var role = new Argument<string>("role") { Description = "The role." };
        role.AcceptOnlyFromAmong("commander", "tech_lead", "comms_lead", "scribe");
        var user = new Argument<string>("user") { Description = "Username, or '-' to clear the role." };
        Arguments.Add(reference);
        Arguments.Add(role);
        Arguments.Add(user);
        this.SetCliAction(context.Env, (parse, ct) =>
        {
            var username = parse.GetValue(user)!.Trim();
            var roleName = parse.GetValue(role)!;
            var clearing = username == Clear;
            return context.ChangeAsync(parse, parse.GetValue(reference)!, "roles",
                new { role = roleName, user = clearing ? null : username },
                i => clearing ? $"#{i.Number}: {roleName} cleared." : $"#{i.Number}: {username} is {roleName}.", ct);
        });
    }
}
