using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Features.Runbooks.Format;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Markdig;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Runbooks;

/// <summary>Reading runbooks, and which ones answer an incident.</summary>
public sealed class RunbookCatalog(FirebreakDb db, RunbookLibrary library, TimeProvider clock)
{
    /// <summary>Alerts looked at when matching; an incident with more has the same few kinds of alert many times.</summary>
    public const int AlertsMatched = 200;

    // Raw HTML in a runbook would run in every responder's browser: it is shown as text.
    private static readonly MarkdownPipeline s_html = new MarkdownPipelineBuilder().UseYamlFrontMatter().UseAdvancedExtensions().DisableHtml().Build();

    /// <summary>A runbook's text as HTML, its raw HTML shown as text; for the page and the editor's preview.</summary>
    public static string Html(string text) => Markdown.ToHtml(text, s_html);

    public async Task<IReadOnlyList<RunbookSummaryDto>> ListAsync(CancellationToken ct)
    {
        var rows = await CurrentAsync(null, ct);
        return [.. rows.OrderBy(x => x.Runbook.Title, StringComparer.OrdinalIgnoreCase).Select(x => Summary(x.Runbook, x.Document))];
    }

    public async Task<Outcome<RunbookDto>> GetAsync(string key, CancellationToken ct)
    {
        var row = await (from r in db.Runbooks
                         join v in db.RunbookVersions on r.Id equals v.RunbookId
                         where v.Number == r.Version && r.Key == key
                         select new { Runbook = r, Version = v }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return Failure.NotFound($"There is no runbook '{key}'.");
        }

        var doc = library.Document(row.Version);
        return new RunbookDto(
            Summary(row.Runbook, doc),
            row.Runbook.ReviewEverySeconds is { } s ? Core.Config.DurationParser.Format(TimeSpan.FromSeconds(s)) : null,
            doc?.Severity,
            doc?.Sections ?? [],
            [.. (doc?.Steps ?? []).Select(st => new RunbookStepDto(st.Number, st.Key, st.Kind, st.Title, st.Section, st.Dangerous))],
            row.Version.Text,
            Html(row.Version.Text));
    }

    /// <summary>Every runbook's current version, parsed.</summary>
    public async Task<IReadOnlyList<RunbookDocument>> DocumentsAsync(CancellationToken ct) =>
        [.. (await CurrentAsync(null, ct)).Select(x => x.Document).OfType<RunbookDocument>()];

    /// <summary>
    /// Runbooks whose matchers all match one of the incident's alerts, the most specific (most matchers) first, then
    /// those written for the incident's service.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<RunbookMatchDto>>> ForIncidentAsync(string reference, CancellationToken ct)
    {
        var incident = await db.Incidents.ByReference(reference).Select(i => new { i.Id, Service = i.Service == null ? null : i.Service.Key }).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound($"No incident '{reference}'.");
        }

        var alerts = await db.Alerts.Where(a => a.IncidentId == incident.Id).OrderBy(a => a.Id).Take(AlertsMatched)
            .Select(a => new { a.Id, a.Labels }).ToListAsync(ct);
        var matches = new List<RunbookMatchDto>();
        foreach (var row in await CurrentAsync(null, ct))
        {
            if (row.Document is not { } doc)
            {
                continue;
            }

            var alert = alerts.FirstOrDefault(a => doc.Matches(a.Labels));
            if (alert is not null)
            {
                matches.Add(new RunbookMatchDto(doc.Key, doc.Title, row.Runbook.Version, doc.Match.Count, $"matches {string.Join(", ", doc.Match)}", alert.Id));
            }
            else if (incident.Service is { } service && doc.Services.Contains(service, StringComparer.Ordinal))
            {
                matches.Add(new RunbookMatchDto(doc.Key, doc.Title, row.Runbook.Version, 0, $"for service {service}", null));
            }
        }

        return matches.OrderByDescending(m => m.Matchers).ThenBy(m => m.Title, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The runbooks that answer one alert: those whose matchers all match its labels (most matchers first), then those of its service.</summary>
    public async Task<IReadOnlyList<RunbookMatchDto>> ForAlertAsync(long alertId, CancellationToken ct)
    {
        var alert = await db.Alerts.AsNoTracking().Where(a => a.Id == alertId).Select(a => new
        {
            a.Labels,
            Service = a.Incident != null && a.Incident.Service != null ? a.Incident.Service.Key : a.Integration!.Service != null ? a.Integration.Service.Key : null,
        }).FirstOrDefaultAsync(ct);
        if (alert is null)
        {
            return [];
        }

        var matches = new List<RunbookMatchDto>();
        foreach (var doc in (await CurrentAsync(null, ct)).Select(x => (x.Runbook, x.Document)))
        {
            if (doc.Document is not { } d)
            {
                continue;
            }

            if (d.Matches(alert.Labels))
            {
                matches.Add(new RunbookMatchDto(d.Key, d.Title, doc.Runbook.Version, d.Match.Count, $"matches {string.Join(", ", d.Match)}", alertId));
            }
            else if (alert.Service is { } service && d.Services.Contains(service, StringComparer.Ordinal))
            {
                matches.Add(new RunbookMatchDto(d.Key, d.Title, doc.Runbook.Version, 0, $"for service {service}", null));
            }
        }

        return [.. matches.OrderByDescending(m => m.Matchers).ThenBy(m => m.Title, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Each runbook with its current version parsed. Texts are read only for versions this process has not parsed yet:
    /// the incident page asks on every change of the incident, and a version never changes.
    /// </summary>
    private async Task<List<CurrentRunbook>> CurrentAsync(string? key, CancellationToken ct)
    {
        var rows = await (from r in db.Runbooks
                          join v in db.RunbookVersions on r.Id equals v.RunbookId
                          where v.Number == r.Version && (key == null || r.Key == key)
                          select new { Runbook = r, VersionId = v.Id }).ToListAsync(ct);
        var unseen = rows.Where(x => !library.Has(x.VersionId)).Select(x => x.VersionId).ToList();
        if (unseen.Count > 0)
        {
            foreach (var version in await db.RunbookVersions.AsNoTracking().Where(v => unseen.Contains(v.Id)).ToListAsync(ct))
            {
                library.Document(version);
            }
        }

        return [.. rows.Select(x => new CurrentRunbook(x.Runbook, library.Seen(x.VersionId)))];
    }

    private RunbookSummaryDto Summary(Runbook r, RunbookDocument? doc) =>
        new(r.Key, r.Title, r.Services, [.. (doc?.Match ?? []).Select(m => m.ToString())], r.Owner, r.Version, r.Source, r.UpdatedAt, r.ValidatedAt, r.ValidatedBy, r.NeedsUpdate,
            RunbookHealth.Of(r, clock.GetUtcNow()));

    private sealed record CurrentRunbook(Runbook Runbook, RunbookDocument? Document);
}
