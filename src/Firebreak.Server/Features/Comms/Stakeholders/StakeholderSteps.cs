using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Storage;

namespace Firebreak.Server.Features.Comms.Stakeholders;

/// <summary>Every incident, however it opened, queues its declaration to the stakeholders who want it, in the transaction that stores it.</summary>
internal sealed class StakeholdersOnOpening(PublicLinks links, IEnumerable<IExternalCommsApproval> approval) : IIncidentOpeningStep
{
    public Task OnOpeningAsync(FirebreakDb db, OpenedIncident opened, CancellationToken ct) => Task.CompletedTask;

    public async Task OnAllOpenedAsync(FirebreakDb db, IReadOnlyList<OpenedIncident> opened, CancellationToken ct)
    {
        foreach (var o in opened)
        {
            await StakeholderOutbox.QueueAsync(db, links, approval, o.Incident, CommsKinds.Declaration, "", null, o.Now, ct);
        }
    }
}

/// <summary>A resolved incident, by a responder or by its alerts, queues its resolution notice with the change that resolved it.</summary>
internal sealed class StakeholdersOnResolved(PublicLinks links, IEnumerable<IExternalCommsApproval> approval) : IIncidentResolvedStep
{
    public bool InHistory => false;

    public Task OnResolvedAsync(FirebreakDb db, Incident incident, DateTimeOffset now, CancellationToken ct) =>
        StakeholderOutbox.QueueAsync(db, links, approval, incident, CommsKinds.Resolution, "", null, now, ct);
}
