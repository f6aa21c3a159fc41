using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Intake;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Intake.Pages;

public sealed record AlertListData(IReadOnlyList<AlertSummaryDto> Alerts, int Total, int Page, IReadOnlyList<SeverityOption> Severities, string? Error);

/// <summary>Alerts by status, refreshed when intake changes an incident or (at most once a second) any alert.</summary>
public sealed partial class AlertList
{
    [Inject]
    private AlertActivity Activity { get; set; } = default!;

    private const string StatusKey = "status";
    private const string OpenFilter = "open";
    private const string AllFilter = "all";
    private const int PageSize = 50;

    private static readonly (string Value, string Label)[] s_filters =
    [
        (OpenFilter, "Open"),
        (AlertStatus.Triggered, "Triggered"),
        (AlertStatus.Acknowledged, "Acknowledged"),
        (AlertStatus.Resolved, "Resolved"),
        (AllFilter, "All"),
    ];

    private string? _loadedFor;

    /// <summary>Open alerts unless asked otherwise: at 3 a.m. the question is what is firing now.</summary>
    [SupplyParameterFromQuery(Name = StatusKey)]
    public string? Status { get; set; }

    [SupplyParameterFromQuery(Name = Pager.PageKey)]
    public int? Page { get; set; }

    [PersistentState]
    public AlertListData? Data { get; set; }

    private string Current => string.IsNullOrEmpty(Status) ? OpenFilter : Status.ToLowerInvariant();

    protected override Task OnPageInitializedAsync()
    {
        // Alert activity too: a repeat raises an alert's count and last-seen time without touching any incident.
        WatchIncidents(_ => true, LoadAsync, alsoOn: Activity);
        return Task.CompletedTask;
    }

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Current}|{Page}";
        if (_loadedFor != key || Data is null)
        {
            _loadedFor = key;
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        var status = Current == AllFilter ? null : Current;
        var page = Math.Max(Page ?? 1, 1);
        Data = await QueryAsync(async (sp, ct) =>
        {
            var list = await sp.GetRequiredService<AlertQueries>().PageAsync(status, null, page, PageSize, ct);
            return new AlertListData(list.Value?.Alerts ?? [], list.Value?.Total ?? 0, page,
                await sp.GetRequiredService<CatalogReader>().SeveritiesAsync(ct), list.IsOk ? null : list.Error);
        });
    }

    private static string HrefFor(string value) => value == OpenFilter ? "/alerts" : $"/alerts?{StatusKey}={value}";

    private int RankOf(string severity) =>
        Data?.Severities.FirstOrDefault(s => string.Equals(s.Key, severity, StringComparison.OrdinalIgnoreCase))?.Rank ?? 3;
}
