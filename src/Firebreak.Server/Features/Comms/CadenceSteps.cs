using Firebreak.Server.Engine;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Storage;

namespace Firebreak.Server.Features.Comms;

/// <summary>Every incident, however it opened, gets its update cadence item in the transaction that stores it.</summary>
internal sealed class CadenceOnOpening : IIncidentOpeningStep
{
    public Task OnOpeningAsync(FirebreakDb db, OpenedIncident opened, CancellationToken ct) => Task.CompletedTask;

    public Task OnAllOpenedAsync(FirebreakDb db, IReadOnlyList<OpenedIncident> opened, CancellationToken ct)
    {
        foreach (var o in opened)
        {
            WorkQueue.WakeOpened(db, CadenceReminderHandler.KindName, o.Now, o.Incident.Id,
                CadenceReminderHandler.FirstLook(o.Incident.DeclaredAt, o.Spec.Level.Targets.UpdateEvery));
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// A responder's change may move the cadence (severity), the person reminded (roles) or end it (resolve): the item
/// looks again now rather than at the due time it computed before.
/// </summary>
internal sealed class CadenceOnChange : IIncidentChangeStep
{
    public Task OnChangedAsync(FirebreakDb db, Incident incident, DateTimeOffset now, CancellationToken ct) =>
        CadenceReminderHandler.WakeAsync(db, incident.Id, now, ct);
}
