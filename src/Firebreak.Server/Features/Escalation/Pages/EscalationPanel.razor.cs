using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Escalation;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Escalation.Pages;

/// <summary>
/// Where an incident's escalation stands (policy, step, countdown to the next one, every page sent) and the two manual
/// levers, escalate now and reassign. It loads and watches on its own so the incident page only has to place it.
/// </summary>
public sealed partial class EscalationPanel
{
    private EscalationStateDto? _state;
    private IReadOnlyList<PersonOption> _people = [];
    private string? _loadedFor;
    private UiError? _error;
    private bool _reassigning;
    private string _person = "";
    private string _note = "";

    [Parameter, EditorRequired]
    public IncidentPanelContext Incident { get; set; } = default!;

    /// <summary>The incident's slug, which live updates carry.</summary>
    private string Reference => Incident.Slug;

    protected override Task OnPageInitializedAsync()
    {
        // Any change, not only newer revisions: the engine's timeline lines (a page sent, a step fired) keep the
        // revision so they never collide with a responder's edit, yet they are exactly what this panel shows.
        WatchIncidents(change => change.Slug == Reference, LoadAsync);
        return Task.CompletedTask;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == Reference)
        {
            return;
        }

        _loadedFor = Reference;
        _state = null;
        await LoadAsync();
        _people = await QueryAsync((sp, ct) => sp.GetRequiredService<CatalogReader>().RespondersAsync(ct));
    }

    private async Task LoadAsync()
    {
        var outcome = await QueryAsync((sp, ct) => sp.GetRequiredService<IncidentEscalationService>().GetAsync(Reference, ct));
        if (outcome.Value is { } state)
        {
            _state = state;
        }
    }

    private Task EscalateNowAsync() => RunAsync((svc, actor, ct) => svc.EscalateNowAsync(actor, Reference, ct));

    private Task ReassignAsync()
    {
        var request = new ReassignRequest(_person, string.IsNullOrWhiteSpace(_note) ? null : _note);
        return RunAsync(async (svc, actor, ct) =>
        {
            var outcome = await svc.ReassignAsync(actor, Reference, request, ct);
            if (outcome.IsOk)
            {
                _reassigning = false;
                _person = _note = "";
            }

            return outcome;
        });
    }

    private Task RunAsync(Func<IncidentEscalationService, Actor, CancellationToken, Task<Outcome<EscalationStateDto>>> command) => WhileBusyAsync(async () =>
    {
        var outcome = await CommandAsync(RoleNames.Responder, (sp, actor, ct) => command(sp.GetRequiredService<IncidentEscalationService>(), actor, ct));
        _error = UiError.From(outcome);
        if (outcome.Value is { } state)
        {
            _state = state;
        }
    });
}
