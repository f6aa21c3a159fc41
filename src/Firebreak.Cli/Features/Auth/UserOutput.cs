using Firebreak.Cli.Output;
using Spectre.Console;
using static Firebreak.Cli.Output.OutputFormatter;

namespace Firebreak.Cli.Features.Auth;

/// <summary>People.</summary>
internal static class UserOutput
{
    public static void Users(this OutputFormatter output, IReadOnlyList<UserModel> users) => output.Rows(users, "No users.",
        ["USERNAME", "NAME", "ROLE", "STATUS", "TIME ZONE", "EMAIL"],
        u =>
        [
            Plain(u.Username),
            Plain(u.DisplayName),
            Plain(u.Role),
            u.Disabled ? new Text("disabled", new Style(Color.Yellow)) : Plain("enabled"),
            Plain(u.TimeZone ?? "-"),
            Plain(u.Email ?? "-"),
        ]);

    public static void UserChanged(this OutputFormatter output, UserModel user, string said)
    {
        output.Line(said);
        foreach (var warning in user.Warnings ?? [])
        {
            output.Line($"Warning: {warning}");
        }
    }

    public static void UserAdded(this OutputFormatter output, UserModel user, PasswordResetModel? reset)
    {
        output.Line($"Added {user.Username} ({user.DisplayName}) as {user.Role}.");
        if (reset is not null)
        {
            OneTimePassword(output, reset);
        }
    }

    public static void PasswordReset(this OutputFormatter output, PasswordResetModel reset)
    {
        output.Line($"New password for {reset.Username}.");
        OneTimePassword(output, reset);
    }

    private static void OneTimePassword(OutputFormatter output, PasswordResetModel reset)
    {
        output.Line($"One-time password (shown once): {reset.Password}");
        output.Line($"Give it to {reset.Username} privately; they should choose their own under Change password (next to Sign out) after signing in.");
    }
}
