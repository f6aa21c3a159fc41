using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Intake;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Components.Pages.Intake;

public sealed record IntegrationPageData(IntegrationDto? Integration, string? Problem);

/// <summary>A ready-to-paste snippet for one sender.</summary>
public sealed record Snippet(string Id, string Title, string Text);

/// <summary>One integration: how to connect a sender, a test button that runs the real intake path, on/off.</summary>
public sealed partial class IntegrationPage
{
    private bool _busy;
    private bool _confirmDisable;
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
        var found = await QueryAsync((sp, ct) => sp.GetRequiredService<IntegrationService>().GetAsync(Id, Navigation.BaseUri, ct));
        Data = new IntegrationPageData(found.Value, found.Error);
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
