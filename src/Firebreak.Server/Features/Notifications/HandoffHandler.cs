using System.Globalization;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.OnCall;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Firebreak.Server.Features.Notifications;

/// <summary>
/// "You are on call for Payments from Mon 09:00 until Mon 09:00 next week": one standing work item walks every
/// schedule's final timeline and tells each person who comes on call, <see cref="NotificationOptions.HandoffLead"/>
/// ahead of the hand-off, on their immediate contact methods. The payload is the last instant it looked, so nothing is
/// announced twice; the delivery's idempotency key guards the rare overlap when two nodes start at once.
/// </summary>
public sealed class HandoffHandler(NotificationOptions options) : IWorkHandler
{
    public const string KindName = "handoffs";

    /// <summary>How often it looks even when no hand-off is near, so schedule edits are picked up.</summary>
    private static readonly TimeSpan s_cadence = TimeSpan.FromMinutes(5);

    /// <summary>How far ahead it looks for the end of a person's stretch on call.</summary>
    private static readonly Duration s_horizon = Duration.FromDays(14);

    public string Kind => KindName;

    /// <summary>Queues the standing item when there is none (a fresh database, or one from before hand-offs).</summary>
    public static async Task EnsureAsync(FirebreakDb db, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.WorkItems.AnyAsync(w => w.Kind == KindName, ct))
        {
            WorkQueue.Add(db, KindName, now, now, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(ct);
        }
    }

    public async Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct)
    {
        var now = work.Now;
        var last = long.TryParse(work.Item.Payload, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeSeconds(s)
            : now;
        var from = Instant.FromDateTimeOffset(last + options.HandoffLead);
        var to = Instant.FromDateTimeOffset(now + options.HandoffLead);
        var next = now + s_cadence;
        foreach (var row in await work.Db.Schedules.AsNoTracking().ToListAsync(ct))
        {
            if (ScheduleService.LoadOrNull(row) is not { } schedule)
            {
                continue;
            }

            var segments = schedule.Timeline(new Interval(from - Duration.FromMinutes(1), to + s_horizon));
            for (var i = 1; i < segments.Count; i++)
            {
                var at = segments[i].Interval.Start;
                if (at > to)
                {
                    var due = at.ToDateTimeOffset() - options.HandoffLead;
                    next = due < next ? due : next;
                    break;
                }

                if (at <= from)
                {
                    continue;
                }

                foreach (var person in segments[i].OnDuty.People.Except(segments[i - 1].OnDuty.People))
                {
                    var until = segments.Skip(i + 1).FirstOrDefault(x => !x.OnDuty.People.Contains(person))?.Interval.Start;
                    await AnnounceAsync(work, row, schedule.Zone, person, at, until, ct);
                }
            }
        }

        work.Item.Payload = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return WorkResult.At(next > now ? next : now + TimeSpan.FromSeconds(1));
    }

    private static async Task AnnounceAsync(WorkContext work, ScheduleRecord row, DateTimeZone zone, string person, Instant at, Instant? until, CancellationToken ct)
    {
        var user = await work.Db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == person && !u.Disabled, ct);
        if (user is null)
        {
            return;
        }

        var cause = $"handoff:{row.Key}:{at.ToUnixTimeSeconds()}";
        if (await work.Db.NotificationDeliveries.AnyAsync(d => d.UserId == user.Id && d.Cause == cause, ct))
        {
            return;
        }

        var text = $"You are on call for {row.Name} from {Local(at, zone)}"
                   + (until is { } u ? $" until {Local(u, zone)}" : "") + $" ({zone.Id}).";
        foreach (var (method, _) in (await Pager.PlanAsync(work.Db, user, ct)).Where(p => p.Delay == TimeSpan.Zero))
        {
            Pager.Queue(work.Db, null, user, method, cause, text, 0, work.Now, work.Now);
        }
    }

    private static string Local(Instant t, DateTimeZone zone) =>
        t.InZone(zone).ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
