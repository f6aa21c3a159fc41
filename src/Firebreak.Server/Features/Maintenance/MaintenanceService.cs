using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Maintenance;

public sealed record CreateMaintenanceRequest(
    string? Reason, string? Kind, DateTimeOffset? StartsAt = null, DateTimeOffset? EndsAt = null, List<string>? Days = null,
    string? StartTime = null, string? Cron = null, string? Length = null, string? TimeZone = null, bool? Public = null, List<string>? Components = null);

public sealed record MaintenanceDto(
    long Id, string Service, string Reason, string Kind, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, IReadOnlyList<string> Days,
    string? StartTime, string? Cron, int? LengthSeconds, string TimeZone, bool ActiveNow, DateTimeOffset? NextStart, string CreatedBy,
    string Recurrence, bool Public, IReadOnlyList<string> Components);

/// <summary>Maintenance windows per service, and the question intake asks: is this service in maintenance now?</summary>
public sealed class MaintenanceService(
    FirebreakDb db, TableCache<MaintenanceWindow> windows, AuditLog audit, TimeProvider clock, IEnumerable<IPublicMaintenance> shownOn)
{
    public async Task<Outcome<MaintenanceDto>> CreateAsync(Actor actor, string serviceKey, CreateMaintenanceRequest r, CancellationToken ct)
    {
        var service = await db.Services.FirstOrDefaultAsync(s => s.Key == serviceKey, ct);
        if (service is null)
        {
            return Failure.NotFound($"No service '{serviceKey}'.");
        }

        var (spec, errors) = MaintenanceSpec.From(r, service.TimeZone);
        if (spec?.Components.Count > 0)
        {
            var known = new HashSet<string>(StringComparer.Ordinal);
            foreach (var page in shownOn)
            {
                known.UnionWith(await page.ComponentKeysAsync(ct));
            }

            if (spec.Components.Where(c => !known.Contains(c)).ToList() is { Count: > 0 } unknown)
            {
                return Failure.Invalid("components", $"Unknown status page component(s): {string.Join(", ", unknown)}. GET /api/v1/status-components lists them.");
            }
        }

        if (spec is null)
        {
            return Failure.Invalid(errors);
        }

        var window = spec.ToWindow(service.Id, actor.Name, clock.GetUtcNow());
        db.MaintenanceWindows.Add(window);
        audit.Record(actor, "maintenance.create", $"service/{service.Key}", $"{spec.Kind}: {spec.Reason}{(spec.Public ? " (public)" : "")}");
        await db.SaveChangesAsync(ct);
        window.Service = service;
        await ChangedAsync(window, ct);
        return ToDto(window);
    }

    public async Task<Outcome<IReadOnlyList<MaintenanceDto>>> ListAsync(string serviceKey, CancellationToken ct)
    {
        if (!await db.Services.AnyAsync(s => s.Key == serviceKey, ct))
        {
            return Failure.NotFound($"No service '{serviceKey}'.");
        }

        var rows = await db.MaintenanceWindows.AsNoTracking().Include(w => w.Service).Where(w => w.Service!.Key == serviceKey).OrderBy(w => w.Id).ToListAsync(ct);
        return rows.Select(ToDto).ToList();
    }

    /// <summary>Every window on every service, by service then age: the overview the web UI shows.</summary>
    public async Task<IReadOnlyList<MaintenanceDto>> ListAllAsync(CancellationToken ct)
    {
        var rows = await db.MaintenanceWindows.AsNoTracking().Include(w => w.Service).OrderBy(w => w.Service!.Name).ThenBy(w => w.Id).ToListAsync(ct);
        return [.. rows.Select(ToDto)];
    }

    public async Task<Outcome<MaintenanceDto>> DeleteAsync(Actor actor, string serviceKey, long id, CancellationToken ct)
    {
        var window = await db.MaintenanceWindows.Include(w => w.Service).FirstOrDefaultAsync(w => w.Id == id && w.Service!.Key == serviceKey, ct);
        if (window is null)
        {
            return Failure.NotFound($"No maintenance window {id} on service '{serviceKey}'.");
        }

        db.MaintenanceWindows.Remove(window);
        audit.Record(actor, "maintenance.delete", $"service/{serviceKey}", window.Reason);
        await db.SaveChangesAsync(ct);
        await ChangedAsync(window, ct);
        return ToDto(window);
    }

    /// <summary>Services in maintenance at <paramref name="now"/>, with the reason; loaded once per intake call.</summary>
    public async Task<IReadOnlyDictionary<long, string>> ActiveAsync(DateTimeOffset now, CancellationToken ct)
    {
        // Every intake batch asks: the windows come from memory, and whether each is on now is worked out each time.
        var rows = await windows.GetAsync(db, ct);
        return rows.Where(w => w.Schedule().IsActive(now))
            .GroupBy(w => w.ServiceId)
            .ToDictionary(g => g.Key, g => g.First().Reason);
    }

    private async Task ChangedAsync(MaintenanceWindow window, CancellationToken ct)
    {
        if (window.Public)
        {
            foreach (var page in shownOn)
            {
                await page.ChangedAsync(ct);
            }
        }
    }

    private MaintenanceDto ToDto(MaintenanceWindow w)
    {
        var now = clock.GetUtcNow();
        var schedule = w.Schedule();
        return new MaintenanceDto(w.Id, w.Service?.Key ?? "", w.Reason, w.Kind, w.StartsAt, w.EndsAt, w.Days, w.StartTime, w.Cron, w.LengthSeconds,
            w.TimeZone, schedule.IsActive(now), schedule.NextStart(now), w.CreatedBy, MaintenanceSpec.Of(w).Describe(), w.Public, w.Components);
    }
}
