using Firebreak.Server.Components.Shared;
using Firebreak.Server.Http;

namespace Firebreak.Server.Features.Auth.Pages;

/// <summary>
/// Admins manage people: add (with a one-time password), change role, disable or enable, reset a password. Demoting,
/// disabling and resetting sign the person out everywhere, so each asks for a confirmation first; never one click.
/// </summary>
public sealed partial class PeoplePage
{
    private static readonly string[] s_roles = [RoleNames.Viewer, RoleNames.Responder, RoleNames.Admin];

    private IReadOnlyList<UserDto>? _people;
    private string _newUsername = "";
    private string _newName = "";
    private string _newRole = RoleNames.Responder;
    private UiError? _addError;
    private (string Username, UiError Error)? _rowError;
    private PendingChange? _confirm;
    private PasswordResetDto? _password;
    private List<string> _warnings = [];

    protected override Task OnPageInitializedAsync() => LoadAsync();

    private async Task LoadAsync() => _people = await QueryAsync((sp, ct) => sp.GetRequiredService<AccountService>().ListAsync(ct));

    private Task AddAsync() => WhileBusyAsync(async () =>
    {
        Clear();
        var request = new CreateUserRequest(_newUsername, _newName, null, _newRole, null);
        var created = await CommandAsync(RoleNames.Admin, (sp, actor, ct) => sp.GetRequiredService<AccountService>().CreateAsync(actor, request, ct));
        _addError = UiError.From(created);
        if (created.Value is { } user)
        {
            var reset = await CommandAsync(RoleNames.Admin, (sp, actor, ct) => sp.GetRequiredService<AccountService>().ResetPasswordAsync(actor, user.Username, ct));
            _addError = UiError.From(reset);
            _password = reset.Value;
            _newUsername = "";
            _newName = "";
        }

        await LoadAsync();
    });

    // Promotion takes effect at once; a demotion ends the person's sessions and may take away the pager, so it asks.
    private async Task ChooseRoleAsync(UserDto person, string? role)
    {
        Clear();
        if (role is null || role == person.Role || !RoleNames.TryParse(role, out var wanted) || !RoleNames.TryParse(person.Role, out var current))
        {
            return;
        }

        var change = new PendingChange(person.Username, new UpdateUserRequest(Role: role),
            $"Make {person.Username} a {role}? They are signed out everywhere, and their API tokens lose what a {role} may not do.", $"Yes, make {role}");
        if (wanted < current)
        {
            _confirm = change;
            return;
        }

        await WhileBusyAsync(() => ApplyAsync(change));
    }

    private void AskDisable(UserDto person)
    {
        Clear();
        _confirm = new PendingChange(person.Username, new UpdateUserRequest(Disabled: true),
            $"Disable {person.Username}? They are signed out everywhere, their API tokens are revoked, their calendar links stop, and they are never paged.",
            "Yes, disable");
    }

    private void AskReset(UserDto person)
    {
        Clear();
        _confirm = new PendingChange(person.Username, null,
            $"Reset {person.Username}'s password? Their current one stops working and they are signed out everywhere.", "Yes, reset password");
    }

    private Task EnableAsync(UserDto person) => WhileBusyAsync(() =>
    {
        Clear();
        return ApplyAsync(new PendingChange(person.Username, new UpdateUserRequest(Disabled: false), "", ""));
    });

    private Task ConfirmAsync() => WhileBusyAsync(async () =>
    {
        if (_confirm is not { } change)
        {
            return;
        }

        _confirm = null;
        if (change.Update is null)
        {
            var reset = await CommandAsync(RoleNames.Admin, (sp, actor, ct) => sp.GetRequiredService<AccountService>().ResetPasswordAsync(actor, change.Username, ct));
            _password = reset.Value;
            Fail(change.Username, reset);
            return;
        }

        await ApplyAsync(change);
    });

    private async Task ApplyAsync(PendingChange change)
    {
        var outcome = await CommandAsync(RoleNames.Admin, (sp, actor, ct) =>
            sp.GetRequiredService<AccountService>().UpdateAsync(actor, change.Username, change.Update!, ct));
        Fail(change.Username, outcome);
        _warnings = [.. outcome.Value?.Warnings ?? []];
        await LoadAsync();
    }

    private void Fail<T>(string username, Outcome<T> outcome) => _rowError = UiError.From(outcome) is { } error ? (username, error) : null;

    private void Clear()
    {
        _confirm = null;
        _rowError = null;
        _addError = null;
        _warnings = [];
    }

    /// <summary>A change waiting for its confirmation; no update means a password reset.</summary>
    private sealed record PendingChange(string Username, UpdateUserRequest? Update, string Question, string Yes);
}
