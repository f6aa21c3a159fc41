using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Auth;
using NodaTime;

namespace Firebreak.Server.Features.Catalog.Pages;

/// <summary>The services list; admins create and edit services here as the API does, with the same checks and audit.</summary>
public sealed partial class ServicesPage
{
    private static readonly IReadOnlyList<string> s_zones = [.. DateTimeZoneProviders.Tzdb.Ids.Order(StringComparer.Ordinal)];

    private IReadOnlyList<ServiceDto>? _services;
    private IReadOnlyList<(string Key, string Name)> _teams = [];
    private IReadOnlyList<PolicyOption> _policies = [];
    private ServiceDraft? _draft;
    private string? _editing;
    private UiError? _error;

    protected override async Task OnPageInitializedAsync()
    {
        await LoadAsync();
        if (IsAdmin)
        {
            (_teams, _policies) = await QueryAsync(async (sp, ct) =>
            {
                var directory = sp.GetRequiredService<ServiceDirectory>();
                return (await directory.TeamsAsync(ct), await directory.PoliciesAsync(ct));
            });
        }
        else
        {
            _policies = await QueryAsync((sp, ct) => sp.GetRequiredService<ServiceDirectory>().PoliciesAsync(ct));
        }
    }

    private async Task LoadAsync() => _services = await QueryAsync((sp, ct) => sp.GetRequiredService<ServiceDirectory>().ListAsync(ct));

    private string PolicyName(string key) => _policies.FirstOrDefault(p => p.Key == key)?.Name is { } name ? $"{name} ({key})" : key;

    private void New()
    {
        _draft = new ServiceDraft();
        _editing = null;
        _error = null;
    }

    private void Edit(ServiceDto service)
    {
        _draft = ServiceDraft.Of(service);
        _editing = service.Key;
        _error = null;
    }

    private void Close()
    {
        _draft = null;
        _editing = null;
        _error = null;
    }

    private Task SaveAsync() => WhileBusyAsync(async () =>
    {
        var draft = _draft!;
        var editing = _editing;
        var outcome = await CommandAsync(RoleNames.Admin, (sp, actor, ct) =>
        {
            var directory = sp.GetRequiredService<ServiceDirectory>();
            return editing is null ? directory.CreateAsync(actor, draft.ToRequest(withKey: true), ct) : directory.UpdateAsync(actor, editing, draft.ToRequest(withKey: false), ct);
        });
        _error = UiError.From(outcome);
        if (outcome.IsOk)
        {
            Close();
            await LoadAsync();
        }
    });
}
