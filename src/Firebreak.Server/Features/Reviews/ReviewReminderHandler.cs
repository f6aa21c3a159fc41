using System.Globalization;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Reviews;

/// <summary>
/// Reminds a review's owner that it is due: once <see cref="Lead"/> before the due time and once when it is due, until
/// it is published. One standing work item looks at the open reviews; the delivery log makes each reminder go once,
/// so a look after a long pause sends only the reminder that still says something (due, not "due tomorrow").
/// </summary>
public sealed class ReviewReminderHandler : IWorkHandler
{
    public const string KindName = "review-reminders";

    public static readonly TimeSpan Lead = TimeSpan.FromHours(24);

    /// <summary>How often it looks when nothing is near, so new drafts and new owners are picked up.</summary>
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

    public static string SoonCause(long reviewId) => $"review-due-soon:{reviewId}";

    public static string DueCause(long reviewId) => $"review-due:{reviewId}";

    public async Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct)
    {
        var now = work.Now;
        var next = now + s_cadence;
        // Filtered here rather than in SQL: SQLite cannot compare DateTimeOffset values. Open reviews are few.
        var open = await work.Db.Reviews.AsNoTracking()
            .Where(r => r.Status != ReviewStatus.Published && r.DueAt != null && r.OwnerId != null)
            .Select(r => new { r.Id, DueAt = r.DueAt!.Value, OwnerId = r.OwnerId!.Value, r.Incident!.Number, r.Incident.Title })
            .ToListAsync(ct);
        foreach (var r in open)
        {
            var when = r.DueAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var where = $"/incidents/{r.Number}/review";
            if (now >= r.DueAt)
            {
                await Reminders.SendOnceAsync(work.Db, r.OwnerId, DueCause(r.Id),
                    $"The review of incident #{r.Number} {r.Title} was due {when} UTC and is not published yet: {where}", now, ct);
            }
            else if (now >= r.DueAt - Lead)
            {
                await Reminders.SendOnceAsync(work.Db, r.OwnerId, SoonCause(r.Id),
                    $"The review of incident #{r.Number} {r.Title} is due {when} UTC, in less than a day: {where}", now, ct);
                next = r.DueAt < next ? r.DueAt : next;
            }
            else
            {
                next = r.DueAt - Lead < next ? r.DueAt - Lead : next;
            }
        }

        return WorkResult.At(next);
    }
}
