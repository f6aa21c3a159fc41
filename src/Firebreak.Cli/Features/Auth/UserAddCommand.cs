using System.CommandLine;
using System.Text.Json;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Auth;

/// <summary>
/// <c>firebreak user add &lt;username&gt; [--role] [--display-name] [--email] [--password-env VAR]</c>. A chosen password is read
/// from the named environment variable, never an argument (arguments end up in shell history and in <c>ps</c>); without
/// one the server generates a one-time password, printed once.
/// </summary>
internal sealed class UserAddCommand : Command
{
    public UserAddCommand(CommandContext context)
        : base("add", "Add a person; prints a generated one-time password unless --password-env names one.")
    {
        var username = UserCommand.UsernameArgument();
        var role = new Option<string>("--role") { Description = "viewer, responder or admin.", DefaultValueFactory = _ => "responder" }
            .AcceptOnlyFromAmong(UserCommand.Roles);
        var displayName = new Option<string?>("--display-name") { Description = "Their name as people see it; the username by default." };
        var email = new Option<string?>("--email") { Description = "Their email address, used when they have no other contact method." };
        var passwordEnv = new Option<string?>("--password-env") { Description = "Environment variable holding their first password." };
        Arguments.Add(username);
        foreach (var option in new Option[] { role, displayName, email, passwordEnv })
        {
            Options.Add(option);
        }

        this.SetCliAction(context.Env, async (parse, ct) =>
        {
            string? password = null;
            if (parse.GetValue(passwordEnv) is { } name)
            {
                password = context.Env.GetVariable(name);
                if (string.IsNullOrEmpty(password))
                {
                    throw new CliException(ExitCodes.Usage, $"--password-env {name}: the environment variable {name} is not set or empty.");
                }
            }

            var body = new
            {
                username = parse.GetValue(username),
                role = parse.GetValue(role),
                displayName = parse.GetValue(displayName),
                email = parse.GetValue(email),
                password,
            };
            using var api = await context.ConnectAsync(parse, ct);
            var created = await api.PostAsync("api/v1/users", body, ct);
            var reset = password is null ? await api.PostAsync(UserCommand.PathOf(body.username!, "reset-password"), new { }, ct) : null;
            var output = context.Output();
            if (context.WantsJson(parse))
            {
                using var user = JsonDocument.Parse(created.Body);
                var generated = reset?.Read<PasswordResetModel>().Password;
                output.Json(JsonSerializer.Serialize(new { user = user.RootElement, password = generated }));
            }
            else
            {
                output.UserAdded(created.Read<UserModel>(), reset?.Read<PasswordResetModel>());
            }

            return ExitCodes.Ok;
        });
    }
}
