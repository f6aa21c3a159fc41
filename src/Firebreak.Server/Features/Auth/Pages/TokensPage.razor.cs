using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Firebreak.Server.Features.Auth.Pages;

/// <summary>The signed-in user's API tokens (everyone's, for admins): create with the secret shown once, and revoke.</summary>
public sealed partial class TokensPage
{
    private string _name = "";
    private string _role = "";
    private bool _busy;
    private bool _copied;
    private long? _confirmRevoke;
    private CreatedToken? _created;
    private UiError? _createError;
    private UiError? _revokeError;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [PersistentState]
    public IReadOnlyList<TokenDto>? Tokens { get; set; }

    // A token may not carry more rights than its owner; offering only those keeps the choice honest.
    private IReadOnlyList<string> AllowedRoles =>
        IsAdmin ? [RoleNames.Viewer, RoleNames.Responder, RoleNames.Admin]
        : IsResponder ? [RoleNames.Viewer, RoleNames.Responder]
        : [RoleNames.Viewer];

    protected override async Task OnPageInitializedAsync()
    {
        _role = AllowedRoles[^1];
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var owner = IsAdmin ? null : UserId;
        Tokens = await QueryAsync((sp, ct) => sp.GetRequiredService<ApiTokenService>().ListAsync(owner, ct));
    }

    private long? UserId => Actor.FromPrincipal(User, null).UserId;

    private async Task CreateAsync()
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        _created = null;
        _copied = false;
        try
        {
            var request = new CreateTokenRequest(_name, _role);
            // Every signed-in role may hold tokens; the service caps the token's role at the owner's.
            var outcome = await CommandAsync(RoleNames.Viewer, (sp, actor, ct) =>
                actor.UserId is { } id
                    ? sp.GetRequiredService<ApiTokenService>().CreateAsync(actor, id, request, ct)
                    : Task.FromResult<Http.Outcome<CreatedToken>>(Http.Failure.NotFound("Your account was not found.")));
            _createError = UiError.From(outcome);
            if (outcome.Value is { } created)
            {
                _created = created;
                _name = "";
                await LoadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RevokeAsync(long id)
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        _confirmRevoke = null;
        try
        {
            var outcome = await CommandAsync(RoleNames.Viewer, (sp, actor, ct) =>
                sp.GetRequiredService<ApiTokenService>().RevokeAsync(actor, id, User.IsInRole(RoleNames.Admin), ct));
            _revokeError = UiError.From(outcome);
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CopyAsync()
    {
        if (_created is null)
        {
            return;
        }

        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", _created.Secret);
            _copied = true;
        }
        catch (JSException)
        {
            // Clipboard access needs a secure context or permission; the field stays selectable for Ctrl+C.
            _createError = UiError.Of("Could not copy automatically. Click the secret and press Ctrl+C.");
        }
    }
}
