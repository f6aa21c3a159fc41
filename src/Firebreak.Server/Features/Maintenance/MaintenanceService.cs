using Firebreak.Core.Config;
using Firebreak.Core.Maintenance;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Maintenance;

public sealed record CreateMaintenanceRequest(
    string? Reason, string? Kind, DateTimeOffset? StartsAt = null, DateTimeOffset? EndsAt = null, List<string>? Days = null,
    string? StartTime = null, string? Cron = null, string? Length = null, string? TimeZone = null);

public sealed record MaintenanceDto(
    long Id, string Service, string Reason, string Kind, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, IReadOnlyList<string> Days,
    string? StartTime, string? Cron, int? LengthSeconds, string TimeZone, bool ActiveNow, DateTimeOffset? NextStart, string CreatedBy);

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

        var errors = new Dictionary<string, string[]>();
        var reason = r.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500)
        {
            errors["reason"] = ["Say why, in 1–500 characters (it is shown next to every suppressed alert)."];
        }

        var kind = r.Kind?.Trim().ToLowerInvariant() ?? MaintenanceKinds.Once;
        var length = TimeSpan.Zero;
        if (kind is MaintenanceKinds.Weekly or MaintenanceKinds.Cron && !DurationParser.TryParse(r.Length, out length))
        {
            errors["length"] = [$"'{r.Length}' is not a duration; write e.g. 2h or 90m."];
        }

        var zone = r.TimeZone ?? service.TimeZone ?? "UTC";
        string? scheduleError = kind switch
        {
            MaintenanceKinds.Once when r.StartsAt is null || r.EndsAt is null => "A one-off window needs startsAt and endsAt.",
            MaintenanceKinds.Once when r.EndsAt <= r.StartsAt => "endsAt must be after startsAt.",
            MaintenanceKinds.Once => null,
            MaintenanceKinds.Weekly when !errors.ContainsKey("length") => MaintenanceScheduleParser.Weekly(r.Days ?? [], r.StartTime, length, zone).Error,
            MaintenanceKinds.Cron when !errors.ContainsKey("length") => MaintenanceScheduleParser.Cron(r.Cron, length, zone).Error,
            MaintenanceKinds.Weekly or MaintenanceKinds.Cron => null,
            _ => $"Unknown kind '{r.Kind}'. Use once, weekly or cron.",
        };
        if (scheduleError is not null)
        {
            errors["schedule"] = [scheduleError];
        }

        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        var window = new MaintenanceWindow
        {
            ServiceId = service.Id,
            Reason = reason!,
            Kind = kind,
            StartsAt = kind == MaintenanceKinds.Once ? r.StartsAt!.Value.ToUniversalTime() : null,
            EndsAt = kind == MaintenanceKinds.Once ? r.EndsAt!.Value.ToUniversalTime() : null,
            Days = kind == MaintenanceKinds.Weekly ? [.. r.Days!.Select(d => d.Trim().ToLowerInvariant())] : [],
            StartTime = kind == MaintenanceKinds.Weekly ? r.StartTime : null,
            Cron = kind == MaintenanceKinds.Cron ? r.Cron : null,
            LengthSeconds = kind == MaintenanceKinds.Once ? null : (int)length.TotalSeconds,
            TimeZone = zone,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor.Name,
        };
        db.MaintenanceWindows.Add(window);
        audit.Record(actor, "maintenance.create", $"service/{service.Key}", $"{kind}: {reason}");
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
            w.TimeZone, schedule.IsActive(now), schedule.NextStart(now), w.CreatedBy);
    }
}
