using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Catalog;

/// <summary><c>firebreak service update KEY [--name] [--team|--no-team] [--time-zone|--no-time-zone] [--policy|--no-policy] [--auto-resolve]</c> (admin).</summary>
internal sealed class ServiceUpdateCommand : Command
{
    public ServiceUpdateCommand(CommandContext context)
        : base("update", "Change a service's fields (admin); the ones not given stay as they are. Open incidents keep their policy.")
    {
        var key = ServiceCommand.KeyArgument();
        var fields = new ServiceFields();
        // Taking a service off its team or policy is asked for by name, never the result of an empty variable in a script.
        var noTeam = new Option<bool>("--no-team") { Description = "Leave the service without an owning team." };
        var noTimeZone = new Option<bool>("--no-time-zone") { Description = "Drop its time zone (maintenance windows in UTC)." };
        var noPolicy = new Option<bool>("--no-policy") { Description = "Take the service off any escalation policy: its new incidents page nobody unless the server sets a default." };
        var clears = new (Option<bool> Clear, Option<string?> Set, string Field)[]
        {
            (noTeam, fields.Team, "team"), (noTimeZone, fields.TimeZone, "timeZone"), (noPolicy, fields.Policy, "escalationPolicy"),
        };
        Arguments.Add(key);
        fields.AddTo(this);
        Options.Add(noTeam);
        Options.Add(noTimeZone);
        Options.Add(noPolicy);
        Validators.Add(result =>
        {
            foreach (var (clear, set, _) in clears.Where(c => result.GetValue(c.Clear) && result.GetValue(c.Set) is not null))
            {
                result.AddError($"Give {set.Name} or {clear.Name}, not both.");
            }

            if (fields.Body(result.GetValue, clears.Where(c => result.GetValue(c.Clear)).Select(c => c.Field)).Count == 0)
            {
                result.AddError("Nothing to change: give at least one of --name, --description, --team, --time-zone, --policy, --auto-resolve or a --no-… option.");
            }
        });
        this.SetCliAction(context.Env, (parse, ct) =>
        {
            var body = fields.Body(parse.GetValue, clears.Where(c => parse.GetValue(c.Clear)).Select(c => c.Field));
            return context.SendAsync(parse, api => api.PatchAsync(CommandContext.ApiPath("services", parse.GetValue(key)!), body, ct), (output, r) =>
            {
                var updated = r.Read<ServiceModel>();
                output.Line($"Updated service {updated.Key}.");
                output.Line("");
                output.Service(updated);
            }, ct);
        });
    }
}
