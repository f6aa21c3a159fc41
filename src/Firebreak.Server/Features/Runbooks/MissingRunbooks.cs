using Firebreak.Server.Features.Intake;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Runbooks;

/// <summary>A kind of alert that fired lately with no runbook to answer it: by alert name, with one alert's labels to write the matchers from.</summary>
public sealed record MissingRunbookDto(string AlertName, string? Service, int Alerts, DateTimeOffset LastSeenAt, IReadOnlyDictionary<string, string> ExampleLabels, long ExampleAlertId);

/// <summary>
/// Alerts of the last 30 days that no runbook answers (no runbook's matchers match them, none is written for their
/// incident's service), grouped by <c>alertname</c> so that someone can write the one that is missing.
/// </summary>
public sealed class MissingRunbooks(FirebreakDb db, RunbookCatalog catalog, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>Alerts looked at, newest first; enough to see every kind that fires, bounded so the page stays quick.</summary>
    public const int AlertsLooked = 5000;

    public async Task<IReadOnlyList<MissingRunbookDto>> ListAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow() - Window;
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.LastSeenAt >= since).OrderByDescending(a => a.LastSeenAt).Take(AlertsLooked)
            .Select(a => new
            {
                a.Id,
                a.Labels,
                a.Summary,
                a.LastSeenAt,
                Service = a.Incident != null && a.Incident.Service != null ? a.Incident.Service.Key : a.Integration!.Service != null ? a.Integration.Service.Key : null,
            }).ToListAsync(ct);
        var runbooks = await catalog.DocumentsAsync(ct);
        return [.. alerts
            .Where(a => !runbooks.Any(r => r.Matches(a.Labels) || (a.Service is { } s && r.Services.Contains(s, StringComparer.Ordinal))))
            .GroupBy(a => a.Labels.GetValueOrDefault("alertname") ?? a.Summary, StringComparer.Ordinal)
            .Select(g => new MissingRunbookDto(g.Key, g.First().Service, g.Count(), g.First().LastSeenAt, g.First().Labels, g.First().Id))
            .OrderByDescending(m => m.Alerts).ThenBy(m => m.AlertName, StringComparer.Ordinal)];
    }
}
