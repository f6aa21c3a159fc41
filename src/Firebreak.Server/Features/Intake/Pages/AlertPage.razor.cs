using System.Text.Json;
using Firebreak.Core.Intake;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Intake;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Intake.Pages;

public sealed record AlertPageData(
    AlertDetailDto? Alert, IReadOnlyList<SeverityOption> Severities, IReadOnlyList<AlertLink> Links, string? Details, string? Problem);

/// <summary>One alert with what the sender said about it and every event received for it.</summary>
public sealed partial class AlertPage
{
    [Inject]
    private AlertActivity Activity { get; set; } = default!;

    private static readonly JsonSerializerOptions s_pretty = new() { WriteIndented = true };
    private long? _loadedFor;

    [Parameter]
    public long Id { get; set; }

    [PersistentState]
    public AlertPageData? Data { get; set; }

    protected override Task OnPageInitializedAsync()
    {
        // Intake publishes a change for the alert's incident whenever the alert changes.
        WatchIncidents(change => Data?.Alert?.Alert.IncidentSlug == change.Slug, LoadAsync, alsoOn: Activity);
        return Task.CompletedTask;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor != Id || Data is null)
        {
            _loadedFor = Id;
            await LoadAsync();
        }
    }

    private async Task LoadAsync() =>
        Data = await QueryAsync(async (sp, ct) =>
        {
            var found = await sp.GetRequiredService<AlertQueries>().GetAsync(Id, ct);
            var severities = await sp.GetRequiredService<CatalogReader>().SeveritiesAsync(ct);
            return new AlertPageData(found.Value, severities, Links(found.Value?.LinksJson), Pretty(found.Value?.DetailsJson), found.Error);
        });

    /// <summary>Senders' JSON arrives compact; indented it can be read on a phone.</summary>
    private static string? Pretty(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(doc.RootElement, s_pretty);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    // Only http(s) links are shown as links: a sender could otherwise plant a javascript: URL on the page.
    private static List<AlertLink> Links(string? json)
    {
        var links = new List<AlertLink>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return links;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return links;
            }

            foreach (var item in doc.RootElement.EnumerateArray())
            {
                var href = Text(item, "href");
                if (href is not null && Uri.TryCreate(href, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    links.Add(new AlertLink(href, Text(item, "text")));
                }
            }
        }
        catch (JsonException)
        {
            // Stored by intake from a sender; if it is not what we expect, show no links rather than fail the page.
        }

        return links;
    }

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private int RankOf(string severity) =>
        Data?.Severities.FirstOrDefault(s => string.Equals(s.Key, severity, StringComparison.OrdinalIgnoreCase))?.Rank ?? 3;
}
