using Firebreak.Server.Features.Maintenance;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>
/// One occurrence of a public maintenance window as the page shows it: a one-off window is itself; a recurring one shows
/// its occurrence in progress, else its next. Statuspage's statuses: scheduled, in_progress, completed.
/// </summary>
public sealed record PublicMaintenance(long WindowId, string Name, string Status, DateTimeOffset ScheduledFor, DateTimeOffset ScheduledUntil, DateTimeOffset CreatedAt, IReadOnlyList<string> Components)
{
    public const string Scheduled = "scheduled";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";

    public string Id => $"maintenance-{WindowId}-{ScheduledFor.ToUnixTimeSeconds()}";

    /// <summary>The occurrences of <paramref name="windows"/> at <paramref name="now"/>, and when the next one starts or ends (the page is wrong from then).</summary>
    /// <param name="componentsOf">The component keys a window affects.</param>
    public static (IReadOnlyList<PublicMaintenance> Occurrences, DateTimeOffset? NextChange) At(
        IEnumerable<MaintenanceWindow> windows, DateTimeOffset now, Func<MaintenanceWindow, IReadOnlyList<string>> componentsOf)
    {
        var result = new List<PublicMaintenance>();
        DateTimeOffset? next = null;
        foreach (var w in windows)
        {
            var schedule = w.Schedule();
            DateTimeOffset start, end;
            if (w.Kind == MaintenanceKinds.Once)
            {
                (start, end) = (w.StartsAt!.Value, w.EndsAt!.Value);
            }
            else
            {
                var length = TimeSpan.FromSeconds(w.LengthSeconds ?? 0);
                // The occurrence in progress is the first to start within the last length; else the next one.
                var from = schedule.IsActive(now) ? now - length : now;
                if (schedule.NextStart(from) is not { } s)
                {
                    continue;
                }

                (start, end) = (s, s + length);
            }

            var status = now < start ? Scheduled : now < end ? InProgress : Completed;
            var change = status switch { Scheduled => start, InProgress => end, _ => (DateTimeOffset?)null };
            if (change is { } c && (next is null || c < next))
            {
                next = c;
            }

            result.Add(new PublicMaintenance(w.Id, w.Reason, status, start, end, w.CreatedAt, componentsOf(w)));
        }

        return ([.. result.OrderByDescending(m => m.ScheduledFor).ThenByDescending(m => m.WindowId)], next);
    }
}
