using Firebreak.Server.Features.Auth;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Notifications;

/// <summary>
/// A reminder to one person, not about a live incident: it goes out on the first step of their notification rules
/// (else every contact method, else their account's email) and at most once per <c>cause</c>, judged by the delivery
/// log, so a standing work item may look as often as it likes. The caller's unit of work saves it.
/// </summary>
public static class Reminders
{
    public static async Task<bool> SendOnceAsync(FirebreakDb db, long userId, string cause, string text, DateTimeOffset now, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && !u.Disabled, ct);
        if (user is null || await db.NotificationDeliveries.AnyAsync(d => d.UserId == userId && d.Cause == cause, ct))
        {
            return false;
        }

        var plan = await Pager.PlanAsync(db, user, ct);
        if (plan.Count == 0)
        {
            return false;
        }

        var first = plan.Min(p => p.Delay);
        foreach (var (method, _) in plan.Where(p => p.Delay == first))
        {
            Pager.Queue(db, null, user, method, cause, text, 0, now, now);
        }

        return true;
    }
}
