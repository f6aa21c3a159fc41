using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Escalation;
using Firebreak.Server.Features.OnCall;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Escalation.Pages;

/// <summary>
/// One escalation policy: admins edit its steps, repeats and condition rules and point services at it; everyone else
/// reads it. A key with no policy yet is a new policy, created on its first save.
/// </summary>
public sealed partial class EscalationPolicyPage
{
    private PolicyDraft _draft = new();
    private PolicyDto? _saved;
    private IReadOnlyList<ServiceOption> _services = [];
    private IReadOnlyList<PersonOption> _people = [];
    private IReadOnlyList<ScheduleDto> _schedules = [];
    private Dictionary<string, string> _policyOfService = [];
    private IReadOnlyList<string> _problems = [];
    private bool _problemsFromCheck;
    private bool _checkedOk;
    private bool _savedNote;
    private bool _loaded;
    private bool _confirmDelete;
    private string? _loadedFor;
    private UiError? _error;
    private UiError? _otherError;
    private UiError? _assignError;
    private UiError? _deleteError;

    [Parameter]
    public string Key { get; set; } = "";

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == Key)
        {
            return;
        }

        _loadedFor = Key;
        _loaded = false;
        await LoadAsync();
        if (IsAdmin)
        {
            // Responders and admins only: viewers are never paged, so they are not offered as targets.
            (_people, _schedules) = await QueryAsync(async (sp, ct) =>
                (await sp.GetRequiredService<CatalogReader>().RespondersAsync(ct), await sp.GetRequiredService<ScheduleService>().ListAsync(ct)));
        }

        _draft = _saved is { } saved ? PolicyDraft.From(saved) : new PolicyDraft { Name = Key };
        _loaded = true;
    }

    private async Task LoadAsync()
    {
        var key = Key;
        (_saved, _services, _policyOfService) = await QueryAsync(async (sp, ct) =>
        {
            var policies = sp.GetRequiredService<EscalationPolicyService>();
            var all = await policies.ListAsync(ct);
            var byService = all.SelectMany(p => p.Services.Select(s => (Service: s, p.Key))).ToDictionary(x => x.Service, x => x.Key);
            return (all.FirstOrDefault(p => p.Key == key), await sp.GetRequiredService<CatalogReader>().ServicesAsync(ct), byService);
        });
    }

    private string? PolicyOf(string service) => _policyOfService.GetValueOrDefault(service);

    /// <summary>Runs the same validation as save (users and schedules must exist) without saving.</summary>
    private Task CheckAsync() => WhileBusyAsync(async () =>
    {
        ClearMessages();
        var spec = _draft.ToSpec();
        _problems = await QueryAsync((sp, ct) => sp.GetRequiredService<EscalationPolicyService>().ProblemsAsync(spec, ct));
        _problemsFromCheck = true;
        _checkedOk = _problems.Count == 0;
    });

    private Task SaveAsync() => WhileBusyAsync(async () =>
    {
        ClearMessages();
        var key = Key;
        var request = _draft.ToRequest();
        var outcome = await CommandAsync(RoleNames.Admin, (sp, actor, ct) =>
            sp.GetRequiredService<EscalationPolicyService>().PutAsync(actor, key, request, ct));
        if (outcome.Value is { } saved)
        {
            _saved = saved;
            _draft = PolicyDraft.From(saved);
            _savedNote = true;
            return;
        }

        // The step and rule problems are a list, not a field beside one input: show them together above Save.
        _error = UiError.From(outcome);
        _problems = outcome.FieldErrors?.GetValueOrDefault("steps") ?? [];
        if (outcome.Kind is not OutcomeKind.Invalid)
        {
            _otherError = _error;
        }
    });

    private Task AssignAsync(string service, bool toThis) => WhileBusyAsync(async () =>
    {
        var request = new ServicePolicyRequest(toThis ? Key : null);
        var outcome = await CommandAsync(RoleNames.Admin, (sp, actor, ct) =>
            sp.GetRequiredService<EscalationPolicyService>().AssignAsync(actor, service, request, ct));
        _assignError = UiError.From(outcome);
        await LoadAsync();
    });

    private Task DeleteAsync() => WhileBusyAsync(async () =>
    {
        _confirmDelete = false;
        var key = Key;
        var outcome = await CommandAsync(RoleNames.Admin, (sp, actor, ct) =>
            sp.GetRequiredService<EscalationPolicyService>().DeleteAsync(actor, key, ct));
        _deleteError = UiError.From(outcome);
        if (outcome.IsOk)
        {
            Navigation.NavigateTo("/escalation-policies");
        }
    });

    private void ClearMessages()
    {
        _error = _otherError = null;
        _problems = [];
        _problemsFromCheck = _checkedOk = _savedNote = false;
    }
}
