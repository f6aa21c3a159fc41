using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Notifications;

/// <summary>
/// <c>firebreak contact add &lt;kind&gt; &lt;address&gt; [--label] [--secret-env VAR]</c>. A webhook's signing secret is read from
/// the named environment variable, never taken as an argument: arguments end up in shell history and in <c>ps</c>.
/// </summary>
internal sealed class ContactAddCommand : Command
{
    public ContactAddCommand(CommandContext context)
        : base("add", "Add a contact method: email, webhook, slack, mattermost or teams.")
    {
        var kind = new Argument<string>("kind") { Description = "email, webhook, slack, mattermost or teams." };
        var address = new Argument<string>("address") { Description = "An email address, or the webhook URL." };
        var label = new Option<string?>("--label") { Description = "A name for it, e.g. 'phone' or 'team chat'; the kind by default." };
        var secretEnv = new Option<string?>("--secret-env") { Description = "Environment variable holding the webhook's signing secret." };
        Arguments.Add(kind);
        Arguments.Add(address);
        Options.Add(label);
        Options.Add(secretEnv);
        this.SetCliAction(context.Env, (parse, ct) =>
        {
            string? secret = null;
            if (parse.GetValue(secretEnv) is { } name)
            {
                secret = context.Env.GetVariable(name);
                if (string.IsNullOrEmpty(secret))
                {
                    throw new CliException(ExitCodes.Usage, $"--secret-env {name}: the environment variable {name} is not set or empty.");
                }
            }

            var body = new { kind = parse.GetValue(kind), address = parse.GetValue(address), label = parse.GetValue(label), secret };
            return context.SendAsync(parse, api => api.PostAsync(ContactCommand.MethodsPath, body, ct), (output, r) =>
            {
                var added = r.Read<ContactMethodModel>();
                output.Line($"Added contact method {added.Id}: {added.Kind} {added.Label} ({added.Address}){(added.HasSecret ? ", signed" : "")}.");
                output.Line($"Try it: firebreak contact test {added.Id}");
            }, ct);
        });
    }
}
