using System.Globalization;
using Firebreak.Core.Comms;
using Firebreak.Core.Incidents;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Comms;

/// <summary>
/// Reminds an open incident's comms lead (else its commander) that a stakeholder update is due, and again when it is
/// overdue (<see cref="UpdateCadence.Overdue"/>), through their notification rules — a reminder, not a page: no
/// escalation, nothing to acknowledge. With neither role held the reminder is a timeline line. One work item per open
/// incident; its payload records the last reminder sent (the due time it was for and which one), and commits with the
/// reminder, so each goes once per due time however often the item runs, on whichever node, across restarts.
/// </summary>
public sealed class CadenceReminderHandler : IWorkHandler
{
    public const string KindName = "comms-cadence";

    /// <summary>How soon it looks again at an incident whose severity sets no cadence (a change wakes it sooner).</summary>
    private static readonly TimeSpan s_idleLook = TimeSpan.FromHours(1);

    public string Kind => KindName;

    /// <summary>
    /// When a new incident's item first has something to do (what <see cref="HandleAsync"/> would answer if run at once):
    /// its first update falls due a cadence after the declaration; without a cadence, the idle look.
    /// </summary>
    public static DateTimeOffset FirstLook(DateTimeOffset declaredAt, TimeSpan? updateEvery) =>
        updateEvery is { } every && every > TimeSpan.Zero ? new UpdateCadence(declaredAt, every).Due : declaredAt + s_idleLook;

    public static string DueCause(long incidentId, DateTimeOffset due) => $"comms-update-due:{incidentId}:{due.ToUnixTimeSeconds()}";

    public static string OverdueCause(long incidentId, DateTimeOffset due) => $"comms-update-overdue:{incidentId}:{due.ToUnixTimeSeconds()}";

    public bool Wakeable => true;

    /// <summary>Makes sure the incident has its cadence item and that it looks again (a new incident, a changed severity or role).</summary>
    public static Task WakeAsync(FirebreakDb db, long incidentId, DateTimeOffset now, CancellationToken ct) =>
        WorkQueue.WakeAsync(db, KindName, now, ct, incidentId);

    public async Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct)
    {
        var db = work.Db;
        var now = work.Now;
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == work.Item.IncidentId, ct);
        if (incident is null || !incident.Status.IsOpen())
        {
            return WorkResult.Done;
        }

        var scheme = await work.Services.GetRequiredService<SeverityCatalog>().GetSchemeAsync(ct);
        if (scheme.Find(incident.SeverityKey)?.Targets.UpdateEvery is not { } every || every <= TimeSpan.Zero)
        {
            return WorkResult.At(now + s_idleLook);
        }

        // Filtered here rather than in SQL: SQLite cannot compare DateTimeOffset values. An incident has few updates.
        var updates = await db.StakeholderUpdates.AsNoTracking().Where(u => u.IncidentId == incident.Id && u.Kind != CommsKinds.Resolution)
            .Select(u => u.At).ToListAsync(ct);
        var cadence = UpdateCadence.From(incident.DeclaredAt, updates, every);
        var sent = Sent.Parse(work.Item.Payload);
        if (now >= cadence.Overdue)
        {
            // After a long pause only the reminder that still says something goes: overdue, not "due now".
            if (sent != new Sent(cadence.Due, Overdue: true))
            {
                await RemindAsync(work, incident, cadence, overdue: true, now, ct);
                work.Item.Payload = new Sent(cadence.Due, Overdue: true).ToString();
            }

            return WorkResult.At(now + every);
        }

        if (now >= cadence.Due)
        {
            if (sent is null || sent.Due != cadence.Due)
            {
                await RemindAsync(work, incident, cadence, overdue: false, now, ct);
                work.Item.Payload = new Sent(cadence.Due, Overdue: false).ToString();
            }

            return WorkResult.At(cadence.Overdue);
        }

        return WorkResult.At(cadence.Due);
    }

    private static async Task RemindAsync(WorkContext work, Incident incident, UpdateCadence cadence, bool overdue, DateTimeOffset now, CancellationToken ct)
    {
        var every = DurationText.Format(cadence.Every);
        var link = $"/incidents/{incident.Number.ToString(CultureInfo.InvariantCulture)}";
        var what = overdue
            ? $"the stakeholder update for incident #{incident.Number} {incident.Title} is overdue ({cadence.Text(now)}; updates every {every})"
            : $"a stakeholder update for incident #{incident.Number} {incident.Title} is due now (updates every {every})";
        var to = incident.CommsLeadId ?? incident.CommanderId;
        var cause = overdue ? OverdueCause(incident.Id, cadence.Due) : DueCause(incident.Id, cadence.Due);
        var role = incident.CommsLeadId is null ? "commander" : "comms lead";
        if (to is { } userId)
        {
            // Already in the delivery log means sent before (an incident reopened starts a fresh item): not unreachable.
            if (await Reminders.SendOnceAsync(work.Db, userId, cause, $"As {role}: {what}. Post it at {link}", now, ct)
                || await work.Db.NotificationDeliveries.AnyAsync(d => d.UserId == userId && d.Cause == cause, ct))
            {
                return;
            }
        }

        var why = to is null ? "nobody holds comms lead or commander to remind" : $"the {role} has no way to be reached";
        EngineLines.Add(work, incident, Actor.System, TimelineKind.CommsReminder, $"{char.ToUpperInvariant(what[0])}{what[1..]}; {why}.");
    }

    /// <summary>The last reminder sent: for which due time, and whether it was the overdue one.</summary>
    private sealed record Sent(DateTimeOffset Due, bool Overdue)
    {
        public static Sent? Parse(string payload)
        {
            var parts = payload.Split(':');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var due)
                ? new Sent(DateTimeOffset.FromUnixTimeMilliseconds(due), parts[1] == "overdue")
                : null;
        }

        public override string ToString() =>
            $"{Due.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{(Overdue ? "overdue" : "due")}";
    }
}
