using Firebreak.Core.Escalation;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Features.OnCall;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Firebreak.Server.Features.Escalation;

/// <summary>
/// Who an escalation step's targets are at this moment: users by name, schedules by whoever is on call now, the
/// commander role by its holder; then pages them through <see cref="Pager"/>.
/// </summary>
public static class EscalationTargets
{
    public static async Task<PageSummary> PageAsync(
        FirebreakDb db, Incident incident, IEnumerable<EscalationTarget> targets, string cause, string reason, DateTimeOffset now, CancellationToken ct) =>
        await Pager.PageAsync(db, incident, await ResolveAsync(db, incident, targets, now, ct), cause, reason, now, ct);

    private static async Task<PageRecipients> ResolveAsync(FirebreakDb db, Incident incident, IEnumerable<EscalationTarget> targets, DateTimeOffset now, CancellationToken ct)
    {
        var problems = new List<string>();
        var usernames = new List<string>();
        var userIds = new List<long>();
        foreach (var target in targets)
        {
            switch (target)
            {
                case UserTarget u:
                    usernames.Add(u.UserId);
                    break;
                case ScheduleTarget s:
                    var row = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(r => r.Key == s.ScheduleId, ct);
                    if (row is null)
                    {
                        problems.Add($"schedule {s.ScheduleId} no longer exists");
                        break;
                    }

                    var people = ScheduleService.Load(row).OnCallAt(Instant.FromDateTimeOffset(now)).People;
                    if (people.Count == 0)
                    {
                        problems.Add($"nobody is on call on schedule {s.ScheduleId}");
                    }

                    usernames.AddRange(people);
                    break;
                default:
                    if (incident.CommanderId is { } commander)
                    {
                        userIds.Add(commander);
                    }
                    else
                    {
                        problems.Add("the incident has no commander yet");
                    }

                    break;
            }
        }

        return new PageRecipients(usernames, userIds, problems);
    }
}
