using Firebreak.Core.Intake;
using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Intake.Pages;

public sealed record IntegrationPageData(
    IntegrationDto? Integration, IReadOnlyList<ServiceOption> Services, IReadOnlyList<SeverityOption> Severities, string? Problem);

/// <summary>A ready-to-paste snippet for one sender.</summary>
public sealed record Snippet(string Id, string Title, string Text);

/// <summary>One integration: how to connect a sender, a test button that runs the real intake path, on/off.</summary>
public sealed partial class IntegrationPage
{
    private bool _busy;
    private bool _confirmDisable;
    private bool _confirmRotate;
    private bool _rotated;
    private UiError? _rotateError;
    private IntakeResult? _testResult;
    private UiError? _testError;
    private UiError? _switchError;
    private long? _loadedFor;

    [Parameter]
    public long Id { get; set; }

    [PersistentState]
    public IntegrationPageData? Data { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == Id && Data is not null)
        {
            return;
        }

        _loadedFor = Id;
        Data = await QueryAsync(async (sp, ct) =>
        {
            var catalog = sp.GetRequiredService<CatalogReader>();
            var found = await sp.GetRequiredService<IntegrationService>().GetAsync(Id, Navigation.BaseUri, ct);
            return new IntegrationPageData(found.Value, await catalog.ServicesAsync(ct), await catalog.SeveritiesAsync(ct), found.Error);
        });
    }

    private static IEnumerable<Snippet> Snippets(IntegrationSnippets s)
    {
        if (s.AlertmanagerWebhook is { } webhook)
        {
            yield return new Snippet("alertmanager-webhook", "alertmanager.yml (webhook receiver)", webhook);
        }

        if (s.AlertmanagerPagerDuty is { } pagerDuty)
        {
            yield return new Snippet("alertmanager-pagerduty", "alertmanager.yml (PagerDuty receiver, if you already use one)", pagerDuty);
        }

        if (s.Grafana is { } grafana)
        {
            yield return new Snippet("grafana", "Grafana contact point", grafana);
        }

        yield return new Snippet("curl", "Try it from a shell", s.Curl);
    }

    private async Task SendTestAsync()
    {
        if (_busy || Data?.Integration is not { } integration)
        {
            return;
        }

        _busy = true;
        _testError = null;
        _testResult = null;
        try
        {
            var outcome = await CommandAsync(RoleNames.Admin, (sp, actor, ct) =>
                sp.GetRequiredService<IntakeService>().SendTestEventAsync(integration.Id, actor.Name, actor.SourceAddress, ct));
            _testError = UiError.From(outcome);
            _testResult = outcome.Value;
        }
        finally
        {
            _busy = false;
        }
    }

    private Task<UiError?> SaveRulesAsync(List<RoutingRuleConfig> rules) => UpdateAsync((sp, actor, ct) =>
        sp.GetRequiredService<IntegrationService>().SetRulesAsync(actor, Id, new RoutingRulesRequest(rules), Navigation.BaseUri, ct));

    private Task<UiError?> SaveSettingsAsync(UpdateIntegrationRequest request) => UpdateAsync((sp, actor, ct) =>
        sp.GetRequiredService<IntegrationService>().UpdateAsync(actor, Id, request, Navigation.BaseUri, ct));

    private Task<UiError?> SaveMappingAsync(GenericMapping mapping) => UpdateAsync(async (sp, actor, ct) =>
    {
        var saved = await sp.GetRequiredService<GenericMappingService>().SetAsync(actor, Id, mapping, ct);
        return saved.IsOk
            ? await sp.GetRequiredService<IntegrationService>().GetAsync(Id, Navigation.BaseUri, ct)
            : new Outcome<IntegrationDto>(saved.Kind, null, saved.Error, saved.FieldErrors);
    });

    private async Task RotateKeyAsync()
    {
        _confirmRotate = false;
        _rotateError = await UpdateAsync((sp, actor, ct) =>
            sp.GetRequiredService<IntegrationService>().RotateKeyAsync(actor, Id, Navigation.BaseUri, ct));
        _rotated = _rotateError is null;
    }

    /// <summary>Runs an admin command that returns the integration, and shows what it saved.</summary>
    private async Task<UiError?> UpdateAsync(Func<IServiceProvider, Actor, CancellationToken, Task<Outcome<IntegrationDto>>> command)
    {
        if (_busy || Data?.Integration is null)
        {
            return null;
        }

        _busy = true;
        StateHasChanged();
        try
        {
            var outcome = await CommandAsync(RoleNames.Admin, command);
            if (outcome.Value is { } updated)
            {
                Data = Data with { Integration = updated };
            }

            return UiError.From(outcome);
        }
        finally
        {
            _busy = false;
            // The click may have been an editor's, which re-renders only itself; what was saved comes down from here.
            StateHasChanged();
        }
    }

    private async Task<(IReadOnlyList<GenericDryRunAlert>? Results, UiError? Error)> MappingDryRunAsync(MappingDryRunCall call)
    {
        var outcome = await CommandAsync(RoleNames.Admin, (sp, _, ct) =>
            sp.GetRequiredService<GenericMappingService>().DryRunAsync(Id, new GenericDryRunRequest(call.Mapping, call.Payload), ct));
        return (outcome.Value, UiError.From(outcome));
    }

    // A read, but of an admin-only page: run it as a command so the role is checked again on the server.
    private async Task<(IReadOnlyList<RoutingDryRunResult>? Results, UiError? Error)> DryRunAsync(DryRunCall call)
    {
        if (Data?.Integration is not { } integration)
        {
            return (null, null);
        }

        var outcome = await CommandAsync(RoleNames.Admin, (sp, _, ct) =>
            sp.GetRequiredService<IntegrationService>().DryRunAsync(integration.Id, new RoutingDryRunRequest(call.Rules, call.Labels, call.Payload), ct));
        return (outcome.Value, UiError.From(outcome));
    }

    private async Task SetDisabledAsync(bool disabled)
    {
        if (_busy || Data?.Integration is not { } integration)
        {
            return;
        }

        _busy = true;
        _confirmDisable = false;
        try
        {
            var outcome = await CommandAsync(RoleNames.Admin, (sp, actor, ct) =>
                sp.GetRequiredService<IntegrationService>().SetDisabledAsync(actor, integration.Id, disabled, Navigation.BaseUri, ct));
            _switchError = UiError.From(outcome);
            if (outcome.Value is { } updated)
            {
                Data = Data with { Integration = updated };
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
