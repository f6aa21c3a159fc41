using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Escalation;

/// <summary><c>firebreak policy assign &lt;service&gt; &lt;policy|--none&gt;</c>: new incidents of the service page through it.</summary>
internal sealed class PolicyAssignCommand : Command
{
    public PolicyAssignCommand(CommandContext context)
        : base("assign", "Point a service at an escalation policy, or at none (admin); open incidents keep theirs.")
    {
        var service = new Argument<string>("service") { Description = "Service key, e.g. checkout-api." };
        var policy = new Argument<string?>("policy") { Description = "Policy key; leave out with --none.", Arity = ArgumentArity.ZeroOrOne };
        var none = new Option<bool>("--none") { Description = "Take the service off any policy: its new incidents page nobody." };
        Arguments.Add(service);
        Arguments.Add(policy);
        Options.Add(none);

        // Paging nobody must be asked for by name, never the result of a forgotten argument.
        Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(policy)) == !result.GetValue(none))
            {
                result.AddError("Give exactly one of a policy key and --none.");
            }
        });
        this.SetCliAction(context.Env, (parse, ct) =>
        {
            var key = parse.GetValue(service)!;
            var body = new { policy = parse.GetValue(none) ? null : parse.GetValue(policy)!.Trim() };
            return context.SendAsync(parse, api => api.PutAsync(CommandContext.ApiPath("services", key, "escalation-policy"), body, ct),
                (output, r) =>
                {
                    var assigned = r.Read<PolicyAssignmentModel>();
                    output.Line(assigned.Policy is { } p
                        ? $"{assigned.Service} now escalates through {p}."
                        : $"{assigned.Service} has no escalation policy now: its new incidents page nobody.");
                }, ct);
        });
    }
}
