using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Incidents.Pages;

public sealed record IncidentPageData(
    IncidentDetail? Incident,
    IReadOnlyList<SeverityOption> Severities,
    IReadOnlyList<PersonOption> People,
    string? Problem);

/// <summary>One incident: status, roles, checklist, notes and the live timeline.</summary>
public sealed partial class IncidentPage
{
    private string? _loadedFor;
    private bool _busy;
    private int _checklistResets;
    private UiError? _statusError;
    private UiError? _severityError;
    private UiError? _impactError;
    private UiError? _roleError;
    private UiError? _checklistError;
    private UiError? _noteError;

    [Parameter]
    public string Reference { get; set; } = "";

    /// <summary>Carried from the prerender into the live page so it does not flash empty while it reloads.</summary>
    [PersistentState]
    public IncidentPageData? Data { get; set; }

    private string PageTitleText => Data?.Incident is { } i
        ? $"{Display.Number(i.Number)} {Display.StatusName(i.Status)} · {i.Title}"
        : "Incident · Firebreak";

    protected override Task OnPageInitializedAsync()
    {
        // Only changes newer than what is on screen: our own commands already returned the fresh state.
        WatchIncidents(
            change => Data?.Incident is { } shown && change.Slug == shown.Slug
                && (change.Revision > shown.Revision || (change.EngineLine && change.Revision == shown.Revision)),
            ReloadIncidentAsync);
        return Task.CompletedTask;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == Reference)
        {
            return;
        }

        if (_loadedFor is not null)
        {
            // Another incident was opened in the same page; do not show the old one while the new one loads.
            Data = null;
            ClearErrors();
        }

        _loadedFor = Reference;
        Data = await QueryAsync(async (sp, ct) =>
        {
            var catalog = sp.GetRequiredService<CatalogReader>();
            var incident = await sp.GetRequiredService<IncidentReader>().GetAsync(Reference, ct);
            return new IncidentPageData(
                incident.Value,
                await catalog.SeveritiesAsync(ct),
                await catalog.RespondersAsync(ct),
                incident.Error);
        });
    }

    private async Task ReloadIncidentAsync()
    {
        if (Data?.Incident is not { } shown)
        {
            return;
        }

        var fresh = await QueryAsync((sp, ct) => sp.GetRequiredService<IncidentReader>().GetAsync(shown.Slug, ct));
        if (fresh.Value is { } incident)
        {
            Show(incident);
        }
    }

    private void Show(IncidentDetail incident)
    {
        // A live update and a command's own result can arrive in either order; never go back to an older revision.
        if (Data is not null && (Data.Incident is null || incident.Revision >= Data.Incident.Revision))
        {
            Data = Data with { Incident = incident };
        }
    }

    private async Task ChangeStatusAsync(StatusChangeRequest request) =>
        _statusError = await RunAsync((service, actor, slug, ct) => service.ChangeStatusAsync(actor, slug, request, ct));

    private async Task AcknowledgeAsync() =>
        _statusError = await RunAsync((service, actor, slug, ct) => service.AcknowledgeAsync(actor, slug, ct));

    private async Task ChangeSeverityAsync(SeverityChangeRequest request) =>
        _severityError = await RunAsync((service, actor, slug, ct) => service.ChangeSeverityAsync(actor, slug, request, ct));

    private async Task SetImpactStartAsync(ImpactStartRequest request) =>
        _impactError = await RunAsync((service, actor, slug, ct) => service.SetImpactStartAsync(actor, slug, request, ct));

    private async Task AssignRoleAsync(RoleAssignmentRequest request) =>
        _roleError = await RunAsync((service, actor, slug, ct) => service.AssignRoleAsync(actor, slug, request, ct));

    private async Task ToggleChecklistAsync(ChecklistToggle toggle)
    {
        _checklistError = await RunAsync((service, actor, slug, ct) =>
            service.SetChecklistItemAsync(actor, slug, toggle.ItemId, new ChecklistUpdateRequest(toggle.Done), ct));
        if (_checklistError is not null)
        {
            _checklistResets++;
        }
    }

    private async Task<bool> AddNoteAsync(string text)
    {
        _noteError = await RunAsync((service, actor, slug, ct) => service.AddNoteAsync(actor, slug, new NoteRequest(text), ct));
        return _noteError is null;
    }

    private async Task<UiError?> RunAsync(Func<IncidentService, Actor, string, CancellationToken, Task<Outcome<IncidentDetail>>> command)
    {
        if (_busy || Data?.Incident is not { } shown)
        {
            return null;
        }

        _busy = true;
        ClearErrors();
        try
        {
            var outcome = await CommandAsync(RoleNames.Responder, (sp, actor, ct) =>
                command(sp.GetRequiredService<IncidentService>(), actor, shown.Slug, ct));
            if (outcome.Value is { } incident)
            {
                Show(incident);
            }
            else if (outcome.Kind is OutcomeKind.Conflict)
            {
                // Usually someone else got there first: show what the incident looks like now next to the message.
                await ReloadIncidentAsync();
            }

            return UiError.From(outcome);
        }
        finally
        {
            _busy = false;
        }
    }

    private void ClearErrors() => _statusError = _severityError = _impactError = _roleError = _checklistError = _noteError = null;

    private int RankOf(string severity) =>
        Data?.Severities.FirstOrDefault(s => string.Equals(s.Key, severity, StringComparison.OrdinalIgnoreCase))?.Rank ?? 3;
}
