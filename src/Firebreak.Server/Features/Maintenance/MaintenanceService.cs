using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Maintenance;

public sealed record CreateMaintenanceRequest(
    string? Reason, string? Kind, DateTimeOffset? StartsAt = null, DateTimeOffset? EndsAt = null, List<string>? Days = null,
    string? StartTime = null, string? Cron = null, string? Length = null, string? TimeZone = null);

public sealed record MaintenanceDto(
    long Id, string Service, string Reason, string Kind, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, IReadOnlyList<string> Days,
    string? StartTime, string? Cron, int? LengthSeconds, string TimeZone, bool ActiveNow, DateTimeOffset? NextStart, string CreatedBy,
    string Recurrence);

/// <summary>Maintenance windows per service, and the question intake asks: is this service in maintenance now?</summary>
public sealed class MaintenanceService(FirebreakDb db, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<MaintenanceDto>> CreateAsync(Actor actor, string serviceKey, CreateMaintenanceRequest r, CancellationToken ct)
    {
        var service = await db.Services.FirstOrDefaultAsync(s => s.Key == serviceKey, ct);
        if (service is null)
        {
            return Failure.NotFound($"No service '{serviceKey}'.");
        }

        var (spec, errors) = MaintenanceSpec.From(r, service.TimeZone);
        if (spec is null)
        {
            return Failure.Invalid(errors);
        }

        var window = spec.ToWindow(service.Id, actor.Name, clock.GetUtcNow());
        db.MaintenanceWindows.Add(window);
        audit.Record(actor, "maintenance.create", $"service/{service.Key}", $"{spec.Kind}: {spec.Reason}");
        await db.SaveChangesAsync(ct);
        window.Service = service;
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
        return ToDto(window);
    }

    /// <summary>Services in maintenance at <paramref name="now"/>, with the reason; loaded once per intake call.</summary>
    public async Task<IReadOnlyDictionary<long, string>> ActiveAsync(DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.MaintenanceWindows.AsNoTracking().ToListAsync(ct);
        return rows.Where(w => w.Schedule().IsActive(now))
            .GroupBy(w => w.ServiceId)
            .ToDictionary(g => g.Key, g => g.First().Reason);
    }

    private MaintenanceDto ToDto(MaintenanceWindow w)
    {
        var now = clock.GetUtcNow();
        var schedule = w.Schedule();
        return new MaintenanceDto(w.Id, w.Service?.Key ?? "", w.Reason, w.Kind, w.StartsAt, w.EndsAt, w.Days, w.StartTime, w.Cron, w.LengthSeconds,
            w.TimeZone, schedule.IsActive(now), schedule.NextStart(now), w.CreatedBy, MaintenanceSpec.Of(w).Describe());
    }
}
