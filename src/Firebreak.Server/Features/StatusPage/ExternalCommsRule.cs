using Firebreak.Core.Severity;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>
/// The one rule for "external communication needs approval": the incident's severity says <c>external_comms:
/// needs_approval</c>, or the incident's own approval switch is on. Public updates (<see cref="PublicIncidentService"/>)
/// and, through <see cref="IExternalCommsApproval"/>, messages to external stakeholders both wait on it.
/// </summary>
public sealed class ExternalCommsRule(SeverityCatalog severities) : IExternalCommsApproval
{
    public static bool NeedsApproval(PublicIncident? pub, SeverityLevel? level) =>
        pub?.NeedsApproval == true || level?.ExternalCommsNeedApproval == true;

    public async Task<bool> NeedsApprovalAsync(FirebreakDb db, Incident incident, CancellationToken ct)
    {
        var level = (await severities.GetSchemeAsync(ct)).Find(incident.SeverityKey);
        // The switch as the caller's unit of work sees it: tracked first, so a change not yet saved counts.
        var pub = db.PublicIncidents.Local.FirstOrDefault(p => p.IncidentId == incident.Id)
            ?? await db.PublicIncidents.AsNoTracking().FirstOrDefaultAsync(p => p.IncidentId == incident.Id, ct);
        return NeedsApproval(pub, level);
    }
}
