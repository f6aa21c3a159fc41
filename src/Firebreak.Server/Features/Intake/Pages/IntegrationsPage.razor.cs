using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Intake;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Intake.Pages;

public sealed record IntegrationsPageData(IReadOnlyList<IntegrationDto> Integrations, IReadOnlyList<ServiceOption> Services);

/// <summary>Every integration, and the form that creates one; creating opens its page, where the snippets are.</summary>
public sealed partial class IntegrationsPage
{
    private readonly CreateForm _form = new();
    private UiError? _createError;
    private bool _busy;

    [PersistentState]
    public IntegrationsPageData? Data { get; set; }

    internal static IReadOnlyList<(string Kind, string Label)> Kinds { get; } =
    [
        (IntegrationKinds.Alertmanager, "Prometheus Alertmanager"),
        (IntegrationKinds.Grafana, "Grafana alerting"),
        (IntegrationKinds.PagerDuty, "PagerDuty Events API v2 (any sender)"),
        (IntegrationKinds.Generic, "Generic JSON (any webhook, with a field mapping)"),
    ];

    internal static string KindName(string kind) => kind switch
    {
        IntegrationKinds.Alertmanager => "Alertmanager",
        IntegrationKinds.Grafana => "Grafana",
        IntegrationKinds.PagerDuty => "PagerDuty events",
        IntegrationKinds.Generic => "Generic JSON",
        _ => kind,
    };

    protected override async Task OnPageInitializedAsync() =>
        Data ??= await QueryAsync(async (sp, ct) => new IntegrationsPageData(
            await sp.GetRequiredService<IntegrationService>().ListAsync(Navigation.BaseUri, ct),
            await sp.GetRequiredService<CatalogReader>().ServicesAsync(ct)));

    private async Task CreateAsync()
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var request = new CreateIntegrationRequest(_form.Name, _form.Kind, Blank(_form.Service), RatePerMinute: _form.RatePerMinute);
            var outcome = await CommandAsync(RoleNames.Admin, (sp, actor, ct) =>
                sp.GetRequiredService<IntegrationService>().CreateAsync(actor, request, Navigation.BaseUri, ct));
            _createError = UiError.From(outcome);
            if (outcome.Value is { } created)
            {
                Navigation.NavigateTo($"/integrations/{created.Id}");
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private sealed class CreateForm
    {
        public string? Name { get; set; }

        public string Kind { get; set; } = IntegrationKinds.Alertmanager;

        public string? Service { get; set; }

        public int? RatePerMinute { get; set; }
    }
}
