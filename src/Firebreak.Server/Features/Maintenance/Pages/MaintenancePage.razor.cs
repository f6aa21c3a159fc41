using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Maintenance;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Maintenance.Pages;

public sealed record MaintenancePageData(IReadOnlyList<MaintenanceDto> Windows, IReadOnlyList<ServiceOption> Services);

/// <summary>Maintenance windows on every service, whether each is in force now, and (for admins) adding and removing them.</summary>
public sealed partial class MaintenancePage
{
    private WindowDraft _draft = new();
    private UiError? _createError;
    private UiError? _removeError;
    private long? _confirmRemove;

    [PersistentState]
    public MaintenancePageData? Data { get; set; }

    protected override async Task OnPageInitializedAsync()
    {
        Data ??= await LoadAsync();
        _draft = WindowDraft.StartingAt(Clock.GetUtcNow(), Data.Services.Count > 0 ? Data.Services[0].Key : "");
    }

    private Task<MaintenancePageData> LoadAsync() => QueryAsync(async (sp, ct) => new MaintenancePageData(
        await sp.GetRequiredService<MaintenanceService>().ListAllAsync(ct),
        await sp.GetRequiredService<CatalogReader>().ServicesAsync(ct)));

    private Task CreateAsync() => WhileBusyAsync(async () =>
    {
        var service = _draft.Service;
        var request = _draft.ToRequest();
        var outcome = await CommandAsync(RoleNames.Admin, (sp, actor, ct) =>
            sp.GetRequiredService<MaintenanceService>().CreateAsync(actor, service, request, ct));
        _createError = UiError.From(outcome);
        if (outcome.IsOk)
        {
            _draft = WindowDraft.StartingAt(Clock.GetUtcNow(), service);
            Data = await LoadAsync();
        }
    });

    private Task RemoveAsync(MaintenanceDto window) => WhileBusyAsync(async () =>
    {
        _confirmRemove = null;
        var outcome = await CommandAsync(RoleNames.Admin, (sp, actor, ct) =>
            sp.GetRequiredService<MaintenanceService>().DeleteAsync(actor, window.Service, window.Id, ct));
        _removeError = UiError.From(outcome);
        Data = await LoadAsync();
    });

    private string ServiceName(string key) => Data?.Services.FirstOrDefault(s => s.Key == key)?.Name ?? key;
}
