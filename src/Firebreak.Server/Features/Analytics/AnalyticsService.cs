using Firebreak.Core.Analytics;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Analytics;

/// <summary>Response analytics for a period: checks the filters, reads the facts, lets Core compute the figures.</summary>
public sealed class AnalyticsService(FirebreakDb db, AnalyticsFacts facts, SeverityCatalog severities, TimeProvider clock)
{
    public async Task<Outcome<AnalyticsReport>> ReportAsync(AnalyticsQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var parsed = AnalyticsQueryRules.Parse(query, now);
        if (!parsed.IsOk)
        {
            return parsed.Kind == OutcomeKind.Invalid ? Failure.Invalid(parsed.FieldErrors!) : Failure.Invalid("query", parsed.Error!);
        }

        var filter = parsed.Value!;
        var scheme = await severities.GetSchemeAsync(ct);
        if (await UnknownNamesAsync(filter, scheme, ct) is { Count: > 0 } errors)
        {
            return Failure.Invalid(errors);
        }

        filter = filter with { Severity = filter.Severity is { } key ? scheme.Find(key)!.Key : null };
        var incidents = await facts.IncidentsAsync(filter, scheme, ct);
        var pages = await facts.PagesAsync(filter, ct);
        var actionItems = await facts.ActionItemsAsync(filter, now, ct);
        return AnalyticsReport.Build(filter.Period, incidents, pages, actionItems, [.. scheme.Levels.Select(l => l.Key)], now);
    }

    private async Task<Dictionary<string, string[]>> UnknownNamesAsync(AnalyticsFilter filter, Core.Severity.SeverityScheme scheme, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (filter.Severity is { } severity && scheme.Find(severity) is null)
        {
            errors["severity"] = [$"No severity '{severity}'. Use one of: {string.Join(", ", scheme.Levels.Select(l => l.Key))}."];
        }

        if (filter.Service is { } service && !await db.Set<Service>().AnyAsync(s => s.Key == service, ct))
        {
            errors["service"] = [$"No service '{service}'; service keys are listed under Settings → Services."];
        }

        if (filter.Team is { } team && !await db.Set<Team>().AnyAsync(t => t.Key == team, ct))
        {
            errors["team"] = [$"No team '{team}'."];
        }

        return errors;
    }
}
