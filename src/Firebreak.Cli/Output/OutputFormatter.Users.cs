using Firebreak.Cli.Api;
using Spectre.Console;

namespace Firebreak.Cli.Output;

/// <summary>People.</summary>
internal sealed partial class OutputFormatter
{
    public void Users(IReadOnlyList<UserModel> users) => Rows(users, "No users.",
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

    public void UserChanged(UserModel user, string said)
    {
        Line(said);
        foreach (var warning in user.Warnings ?? [])
        {
            Line($"Warning: {warning}");
        }
    }

    public void UserAdded(UserModel user, PasswordResetModel? reset)
    {
        Line($"Added {user.Username} ({user.DisplayName}) as {user.Role}.");
        if (reset is not null)
        {
            OneTimePassword(reset);
        }
    }

    public void PasswordReset(PasswordResetModel reset)
    {
        Line($"New password for {reset.Username}.");
        OneTimePassword(reset);
    }

    private void OneTimePassword(PasswordResetModel reset)
    {
        Line($"One-time password (shown once): {reset.Password}");
        Line($"Give it to {reset.Username} privately; they should choose their own under Change password (next to Sign out) after signing in.");
    }
}
