using System.Globalization;
using Firebreak.Server.Features.ActionItems;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Reviews;

/// <summary>
/// Follow-ups decided in the review: action items of the reviewed incident with source <c>review</c>, numbered, audited
/// and written on the timeline like any other. A published review no longer changes, so later ones come from the incident.
/// </summary>
public sealed class ReviewActionItems(FirebreakDb db, ActionItemService items)
{
    public async Task<Outcome<ActionItemDto>> AddAsync(Actor actor, string reference, ReviewActionItemRequest request, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        var status = await db.Reviews.Where(r => r.IncidentId == incident.Id).Select(r => r.Status).FirstOrDefaultAsync(ct);
        if (status is null)
        {
            return Failure.NotFound($"Incident #{incident.Number} has no review yet; start one, or add the action item from the incident.");
        }

        if (status == ReviewStatus.Published)
        {
            return Failure.Conflict($"The review of incident #{incident.Number} is published and no longer changes; add the action item from the incident instead.");
        }

        var number = incident.Number.ToString(CultureInfo.InvariantCulture);
        return await items.CreateAsync(actor, new CreateActionItemRequest(request.Title, number, request.Priority, request.Owner, request.Due, request.Link, ActionItemSources.Review), ct);
    }
}
