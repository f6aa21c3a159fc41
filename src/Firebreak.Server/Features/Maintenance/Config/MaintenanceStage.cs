using System.Globalization;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Maintenance.Config;

/// <summary>
/// Stages maintenance windows, known by service and reason (the table has no name column, and a reason is what people
/// recognise a window by). Windows config does not list are left alone: someone may have just added one for tonight.
/// </summary>
internal sealed class MaintenanceStage(FirebreakDb db, TimeProvider clock)
{
    public async Task StageAsync(ConfigStaging staging, IReadOnlyList<MaintenanceConfig> wanted, Actor actor, CancellationToken ct)
    {
        if (wanted.Count == 0)
        {
            return;
        }

        var existing = await db.MaintenanceWindows.Include(w => w.Service).OrderBy(w => w.Id).ToListAsync(ct);
        foreach (var m in wanted)
        {
            var service = staging.Services[m.Service];
            var (spec, errors) = MaintenanceSpec.From(m.Request, service.TimeZone);
            if (spec is null)
            {
                staging.Errors.AddRange(errors.SelectMany(e => e.Value.Select(message => new ConfigError(m.Line(e.Key), message).ToString())));
                continue;
            }

            var row = existing.FirstOrDefault(w => w.Service?.Key == m.Service && w.Reason == spec.Reason);
            var old = row is null ? null : MaintenanceSpec.Of(row);
            var change = new ChangeBuilder($"maintenance/{m.Service}/{spec.Reason}", row is null)
                .Field("kind", old?.Kind, spec.Kind)
                .Field("from", Utc(old?.StartsAt), Utc(spec.StartsAt))
                .Field("to", Utc(old?.EndsAt), Utc(spec.EndsAt))
                .Field("days", Days(old), Days(spec))
                .Field("start", old?.StartTime, spec.StartTime)
                .Field("cron", old?.Cron, spec.Cron)
                .Field("duration", ConfigText.Seconds(old?.LengthSeconds), ConfigText.Seconds(spec.LengthSeconds))
                .Field("time_zone", old?.TimeZone, spec.TimeZone)
                .Field("public", Flag(old?.Public), Flag(spec.Public))
                .Field("components", old is null || old.Components.Count == 0 ? null : ConfigText.List(old.Components), spec.Components.Count == 0 ? null : ConfigText.List(spec.Components))
                .Build();
            var action = row is null ? "maintenance.create" : "maintenance.update";
            if (!staging.Record(change, action, $"service/{m.Service}", $"{spec.Kind}: {spec.Reason}"))
            {
                continue;
            }

            if (row is null)
            {
                row = spec.ToWindow(service.Id, actor.Name, clock.GetUtcNow());
                row.Service = service;
                db.MaintenanceWindows.Add(row);
                existing.Add(row);
            }

            spec.CopyTo(row);
        }
    }

    // Private is the default, so it is written only when a window is public.
    private static string? Flag(bool? value) => value == true ? "true" : null;

    private static string? Days(MaintenanceSpec? spec) => spec is null || spec.Days.Count == 0 ? null : ConfigText.List(spec.Days);

    private static string? Utc(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
