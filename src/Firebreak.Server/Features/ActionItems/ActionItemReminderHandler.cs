using System.Globalization;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.ActionItems;

/// <summary>
/// Reminds an open action item's owner that it is overdue: on the first overdue day (UTC), then once every
/// <see cref="Every"/> while it stays open, in progress and overdue; done or won't do ends it. Moving the due date
/// starts over from the new date. One standing work item looks; the delivery log makes each reminder go once.
/// </summary>
public sealed class ActionItemReminderHandler : IWorkHandler
{
    public const string KindName = "action-item-reminders";

    /// <summary>Weekly: a daily nag for a follow-up that waits on another team teaches people to ignore it.</summary>
    public const int Every = 7;

    private static readonly TimeSpan s_cadence = TimeSpan.FromMinutes(5);

    public string Kind => KindName;

    public static async Task EnsureAsync(FirebreakDb db, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.WorkItems.AnyAsync(w => w.Kind == KindName, ct))
        {
            WorkQueue.Add(db, KindName, now, now);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The <paramref name="round"/>th reminder (0 on the first overdue day) for the item due on <paramref name="due"/>.</summary>
    public static string Cause(string key, DateOnly due, int round) =>
        $"action-item-overdue:{key}:{due.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}:{round.ToString(CultureInfo.InvariantCulture)}";

    public async Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(work.Now.UtcDateTime);
        var overdue = await work.Db.ActionItems.AsNoTracking()
            .Where(a => a.DueOn != null && a.DueOn < today && a.Owner != null
                        && (a.Status == ActionItemStatus.Open || a.Status == ActionItemStatus.InProgress))
            .Select(a => new
            {
                a.Key,
                a.Title,
                Due = a.DueOn!.Value,
                a.Status,
                a.Owner,
                OwnerId = work.Db.Set<User>().Where(u => u.Username == a.Owner).Select(u => (long?)u.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);
        foreach (var a in overdue.Where(a => a.OwnerId is not null))
        {
            var days = today.DayNumber - a.Due.DayNumber;
            var round = (days - 1) / Every;
            var due = a.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await Reminders.SendOnceAsync(work.Db, a.OwnerId!.Value, Cause(a.Key, a.Due, round),
                $"Action item {a.Key} {a.Title} was due {due} and is still {a.Status.Replace('_', ' ')} ({days} days overdue): /action-items?owner={a.Owner}", work.Now, ct);
        }

        return WorkResult.At(work.Now + s_cadence);
    }
}
