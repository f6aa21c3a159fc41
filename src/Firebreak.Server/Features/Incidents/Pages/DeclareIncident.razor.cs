using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Incidents.Pages;

public sealed record DeclareFormData(
    IReadOnlyList<SeverityOption> Severities,
    IReadOnlyList<ServiceOption> Services,
    IReadOnlyList<PersonOption> People);

/// <summary>The declare form. Validation is the service's: the page shows its per-field messages as they come.</summary>
public sealed partial class DeclareIncident
{
    private readonly DeclareForm _form = new();
    private UiError? _error;
    private bool _busy;
    private ElementReference _titleInput;

    [PersistentState]
    public DeclareFormData? Data { get; set; }

    protected override async Task OnPageInitializedAsync() =>
        Data ??= await QueryAsync(async (sp, ct) =>
        {
            var catalog = sp.GetRequiredService<CatalogReader>();
            return new DeclareFormData(
                await catalog.SeveritiesAsync(ct),
                await catalog.ServicesAsync(ct),
                await catalog.RespondersAsync(ct));
        });

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Not the autofocus attribute: the live render replaces the prerendered input, and focus would be lost.
        if (firstRender && RendererInfo.IsInteractive && Data is not null)
        {
            await _titleInput.FocusAsync();
        }
    }

    private async Task DeclareAsync()
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var request = new DeclareIncidentRequest(
                _form.Title, _form.Severity, Blank(_form.Service), Blank(_form.Description), Blank(_form.Impact), Commander: Blank(_form.Commander));
            var outcome = await CommandAsync(RoleNames.Responder, (sp, actor, ct) =>
                sp.GetRequiredService<IncidentService>().DeclareAsync(actor, request, ct));
            _error = UiError.From(outcome);
            if (outcome.Value is { } incident)
            {
                Navigation.NavigateTo($"/incidents/{incident.Slug}");
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private sealed class DeclareForm
    {
        public string? Title { get; set; }

        public string? Severity { get; set; }

        public string? Service { get; set; }

        public string? Commander { get; set; }

        public string? Impact { get; set; }

        public string? Description { get; set; }
    }
}
