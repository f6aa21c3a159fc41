using Firebreak.Core.Incidents;
using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Incidents.Pages;

public sealed record IncidentListData(
    IReadOnlyList<IncidentSummary> Incidents,
    int Total,
    int Page,
    IReadOnlyList<SeverityOption> Severities,
    IReadOnlyList<ServiceOption> Services,
    string? Error);

/// <summary>The front page: every incident, open and most severe first, filtered by query string so links can be shared.</summary>
public sealed partial class IncidentList
{
    private const string StatusKey = "status";
    private const string SeverityKey = "severity";
    private const string ServiceKey = "service";
    private const string SearchKey = "q";
    private const string OpenFilter = "open";

    /// <summary>A screenful on a laptop; the rest is a click on Older away.</summary>
    public const int PageSize = 50;

    private string? _loadedFor;

    [SupplyParameterFromQuery(Name = StatusKey)]
    public string? Status { get; set; }

    [SupplyParameterFromQuery(Name = SeverityKey)]
    public string? Severity { get; set; }

    [SupplyParameterFromQuery(Name = ServiceKey)]
    public string? Service { get; set; }

    [SupplyParameterFromQuery(Name = SearchKey)]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = Pager.PageKey)]
    public int? Page { get; set; }

    /// <summary>Carried from the prerender into the live page so it does not flash empty while it reloads.</summary>
    [PersistentState]
    public IncidentListData? Data { get; set; }

    private bool IsFiltered => !string.IsNullOrEmpty(Status) || !string.IsNullOrEmpty(Severity) || !string.IsNullOrEmpty(Service) || !string.IsNullOrWhiteSpace(Search);

    private int OpenCount => Data?.Incidents.Count(IsOpen) ?? 0;

    private string FirstPageHref => Navigation.GetUriWithQueryParameter(Pager.PageKey, (int?)null);

    private string PageTitleText => OpenCount > 0 ? $"({OpenCount}) Incidents · Firebreak" : "Incidents · Firebreak";

    protected override Task OnPageInitializedAsync()
    {
        WatchIncidents(_ => true, LoadAsync);
        return Task.CompletedTask;
    }

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Status}|{Severity}|{Service}|{Search}|{Page}";
        if (key != _loadedFor)
        {
            _loadedFor = key;
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        var open = string.Equals(Status, OpenFilter, StringComparison.OrdinalIgnoreCase);
        var query = new IncidentQuery(Status: open ? null : Status, Severity: Severity, Service: Service, Open: open ? true : null,
            Limit: PageSize, Search: Search, Page: Math.Max(Page ?? 1, 1));
        Data = await QueryAsync(async (sp, ct) =>
        {
            var catalog = sp.GetRequiredService<CatalogReader>();
            var list = await sp.GetRequiredService<IncidentReader>().ListAsync(query, ct);
            return new IncidentListData(
                list.Value?.Incidents ?? [],
                list.Value?.Total ?? 0,
                list.Value?.Page ?? 1,
                await catalog.SeveritiesAsync(ct),
                await catalog.ServicesAsync(ct),
                list.IsOk ? null : list.Error);
        });
    }

    private void Filter(string name, object? value)
    {
        var text = value as string;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            [name] = string.IsNullOrEmpty(text) ? null : text,
            [Pager.PageKey] = null,
        }));
    }

    private static bool IsOpen(IncidentSummary incident) =>
        IncidentStatusNames.TryParse(incident.Status, out var status) && status.IsOpen();

    private int RankOf(string severity) =>
        Data?.Severities.FirstOrDefault(s => string.Equals(s.Key, severity, StringComparison.OrdinalIgnoreCase))?.Rank ?? 3;

    private string? SeverityTitle(string severity) =>
        Data?.Severities.FirstOrDefault(s => string.Equals(s.Key, severity, StringComparison.OrdinalIgnoreCase))?.Name;
}
