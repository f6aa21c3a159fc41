using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Incidents.Config;

/// <summary>
/// Demo history goes through the real incident commands on a clock set in the past, so timelines and metrics are
/// exactly what a live incident would produce. It is loaded once: a database with incidents is left alone.
/// </summary>
internal sealed class DemoHistory(
    FirebreakDb db, SeverityCatalog severities, IncidentEvents events, TimeProvider clock, IEnumerable<IIncidentResolvedStep> resolvedSteps)
{
    public async Task<int> ReplayAsync(IReadOnlyList<DemoIncident> incidents, CancellationToken ct)
    {
        if (incidents.Count == 0 || await db.Incidents.AnyAsync(ct))
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Username, StringComparer.Ordinal, ct);
        IIncidentResolvedStep[] historySteps = [.. resolvedSteps.Where(s => s.InHistory)];
        foreach (var demo in incidents.OrderByDescending(i => i.Ago))
        {
            var demoClock = new ManualClock(now - demo.Ago);
            var reader = new IncidentReader(db, severities, demoClock, []);
            // History replayed on a clock in the past pages nobody and starts no escalation: no opening or change steps.
            // Resolving still opens what follows an incident (its review draft), as it would live.
            var service = new IncidentService(db, severities, new AuditLog(db, demoClock), events, reader, demoClock, new IncidentOpener(db, []), [], historySteps);
            Actor As(string? username) => username is not null && users.TryGetValue(username, out var u)
                ? new Actor("user", u.Id, u.Username, null)
                : Actor.System;

            var declared = await service.DeclareAsync(As(demo.DeclaredBy ?? demo.Commander),
                new DeclareIncidentRequest(demo.Title, demo.Severity, demo.Service, demo.Description, demo.Impact,
                    demo.ImpactBefore is { } before ? now - demo.Ago - before : null, demo.Commander), ct);
            if (!declared.IsOk)
            {
                throw new InvalidOperationException($"{demo.Where}: demo incident could not be declared: {declared.Error}");
            }

            var slug = declared.Value!.Slug;
            foreach (var e in demo.Events.OrderBy(e => e.After))
            {
                demoClock.Now = now - demo.Ago + e.After;
                var actor = As(e.By);
                if (e.Severity is not null)
                {
                    await service.ChangeSeverityAsync(actor, slug, new SeverityChangeRequest(e.Severity), ct);
                }

                if (e.Status is not null)
                {
                    await service.ChangeStatusAsync(actor, slug, new StatusChangeRequest(e.Status, e.Note), ct);
                }
                else if (e.Note is not null)
                {
                    await service.AddNoteAsync(actor, slug, new NoteRequest(e.Note), ct);
                }
            }

            db.ChangeTracker.Clear();
        }

        return incidents.Count;
    }
}
