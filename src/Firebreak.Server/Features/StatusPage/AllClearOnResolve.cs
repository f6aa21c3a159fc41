using System.Collections.Concurrent;
using Firebreak.Core.Incidents;
using Firebreak.Core.StatusPage;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.StatusPage.Subscribers;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>
/// When an incident resolves, the components of its service that are not operational go back to operational, in the
/// same transaction, unless another open incident's service still shows on them. Going down is confirmed by a person
/// (the page tells customers something is wrong); the all-clear follows the incident, so a resolved incident never
/// leaves the page red. Subscribers watching those components are due a notice; the page re-renders once it commits.
/// </summary>
internal sealed class AllClearOnResolve(AllClearRenders renders) : IIncidentResolvedStep
{
    public bool InHistory => false;

    public async Task OnResolvedAsync(FirebreakDb db, Incident incident, DateTimeOffset now, CancellationToken ct)
    {
        if (incident.ServiceId is not { } serviceId)
        {
            return;
        }

        var service = await db.Services.Where(s => s.Id == serviceId).Select(s => s.Key).FirstOrDefaultAsync(ct);
        var components = service is null ? [] : (await db.StatusComponents.ToListAsync(ct))
            .Where(c => c.Status != ComponentStatus.Operational && c.Services.Contains(service, StringComparer.Ordinal)).ToList();
        if (components.Count == 0)
        {
            return;
        }

        var stillOpen = await db.Incidents
            .Where(i => i.Id != incident.Id && i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed && i.ServiceId != null)
            .Select(i => i.Service!.Key).Distinct().ToListAsync(ct);
        var cleared = components.Where(c => !c.Services.Intersect(stillOpen, StringComparer.Ordinal).Any()).ToList();
        if (cleared.Count == 0)
        {
            return;
        }

        var by = $"resolution of #{incident.Number}";
        foreach (var c in cleared)
        {
            c.Status = ComponentStatus.Operational;
            c.UpdatedAt = now;
            db.StatusComponentChanges.Add(new StatusComponentChange { ComponentId = c.Id, Status = ComponentStatus.Operational, At = now, ChangedBy = by });
        }

        await SubscriberService.NoticeDueAsync(db, [.. cleared.Select(c => c.Key)], now, ct);
        IncidentFactory.Touch(db, incident, Actor.System, now, TimelineKind.PublicUpdate,
            $"Status page: {string.Join(", ", cleared.Select(c => c.Name))} back to operational on resolution");
        renders.After(incident.Id);
    }
}

/// <summary>Incidents whose committed change should re-render the public page; the change event arrives after the commit.</summary>
public sealed class AllClearRenders : IDisposable
{
    private readonly ConcurrentDictionary<long, bool> _pending = new();
    private readonly IncidentEvents _events;
    private readonly StatusSnapshot _snapshot;
    private readonly ILogger<AllClearRenders> _log;

    public AllClearRenders(IncidentEvents events, StatusSnapshot snapshot, ILogger<AllClearRenders> log)
    {
        (_events, _snapshot, _log) = (events, snapshot, log);
        _events.Changed += OnChanged;
    }

    public void After(long incidentId) => _pending[incidentId] = true;

    public void Dispose() => _events.Changed -= OnChanged;

    private void OnChanged(IncidentChanged change)
    {
        if (_pending.TryRemove(change.IncidentId, out _))
        {
            _ = RenderAsync();
        }
    }

    private async Task RenderAsync()
    {
        try
        {
            await _snapshot.RenderAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The copy the page serves re-renders by age anyway; a failed render here must not touch the incident.
            _log.LogWarning(ex, "Could not re-render the status page after a resolution");
        }
    }
}
