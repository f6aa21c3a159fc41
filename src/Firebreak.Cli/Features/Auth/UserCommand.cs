using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Auth;

/// <summary><c>firebreak user list|add|set-role|disable|enable|reset-password</c>: people, for admins.</summary>
internal sealed class UserCommand : Command
{
    public static readonly string[] Roles = ["viewer", "responder", "admin"];

    public UserCommand(CliEnvironment env)
        : base("user", "List and add people, change their role, disable or enable them, reset a password (admins).")
    {
        var context = new CommandContext(env, new ConnectionOptions().AddTo(this));
        Subcommands.Add(List(context));
        Subcommands.Add(new UserAddCommand(context));
        Subcommands.Add(SetRole(context));
        Subcommands.Add(Switch(context, disable: true));
        Subcommands.Add(Switch(context, disable: false));
        Subcommands.Add(ResetPassword(context));
    }

    public static Argument<string> UsernameArgument() => new("username") { Description = "Their username, e.g. kofi." };

    public static Argument<string> RoleArgument() => new Argument<string>("role") { Description = "viewer, responder or admin." }.AcceptOnlyFromAmong(Roles);

    public static string PathOf(string username, string? action = null) => CommandContext.ApiPath("users", username, action);

    private static Command List(CommandContext context)
    {
        var command = new Command("list", "Everyone with an account: role, whether enabled, time zone.");
        command.Aliases.Add("ls");
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync("api/v1/users", ct), (output, r) => output.Users(r.Read<List<UserModel>>()), ct));
        return command;
    }

    private static Command SetRole(CommandContext context)
    {
        var command = new Command("set-role", "Change someone's role; it ends their sessions, and their API tokens act with the new role at once.");
        var username = UsernameArgument();
        var role = RoleArgument();
        command.Arguments.Add(username);
        command.Arguments.Add(role);
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.PatchAsync(PathOf(parse.GetValue(username)!), new { role = parse.GetValue(role) }, ct),
            (output, r) => output.UserChanged(r.Read<UserModel>(), $"{parse.GetValue(username)} is now {r.Read<UserModel>().Role}."), ct));
        return command;
    }

    private static Command Switch(CommandContext context, bool disable)
    {
        var command = new Command(disable ? "disable" : "enable", disable
            ? "Disable someone: their sessions, API tokens and calendar links stop at once; they are never paged."
            : "Enable someone again; they sign in anew (tokens revoked when they were disabled stay revoked).");
        var username = UsernameArgument();
        command.Arguments.Add(username);
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.PatchAsync(PathOf(parse.GetValue(username)!), new { disabled = disable }, ct),
            (output, r) => output.UserChanged(r.Read<UserModel>(), disable
                ? $"Disabled {parse.GetValue(username)}: their sessions, API tokens and calendar links no longer work."
                : $"Enabled {parse.GetValue(username)}."), ct));
        return command;
    }

    private static Command ResetPassword(CommandContext context)
    {
        var command = new Command("reset-password", "Give someone a new generated password, printed once; their sessions end.");
        var username = UsernameArgument();
        command.Arguments.Add(username);
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.PostAsync(PathOf(parse.GetValue(username)!, "reset-password"), new { }, ct),
            (output, r) => output.PasswordReset(r.Read<PasswordResetModel>()), ct));
        return command;
    }
}
