using Firebreak.Core.Incidents;
using Firebreak.Core.StatusPage;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.StatusPage.Subscribers;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>
/// Public updates posted from an incident: any responder posts; when the incident's severity or the incident itself asks
/// for approval, an update waits until the commander or an admin approves it. Each step goes on the incident's timeline
/// and in the audit log; each publication re-renders the public page.
/// </summary>
public sealed class PublicIncidentService(
    FirebreakDb db, AuditLog audit, TimeProvider clock, StatusSnapshot snapshot, SeverityCatalog severities, IncidentEvents events,
    IEnumerable<IPublicUpdatePublished> published)
{
    public async Task<Outcome<PublicIncidentDto>> GetAsync(string reference, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Service).ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        var pub = await db.PublicIncidents.AsNoTracking().Include(p => p.Updates).FirstOrDefaultAsync(p => p.IncidentId == incident.Id, ct);
        return await ToDtoAsync(incident, pub, ct);
    }

    public async Task<Outcome<PublicUpdateDto>> PostAsync(Actor actor, string reference, PostPublicUpdateRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PublicIncidentStatus.IsKnown(request.Status))
        {
            errors["status"] = [$"'{request.Status}' is not a public incident status; use one of: {string.Join(", ", PublicIncidentStatus.All)}."];
        }

        var body = request.Body?.Trim();
        if (string.IsNullOrEmpty(body) || body.Length > PublicIncidentLimits.BodyMax)
        {
            errors["body"] = [$"Write what the public should know, in 1–{PublicIncidentLimits.BodyMax} characters."];
        }

        var title = string.IsNullOrWhiteSpace(request.Title) ? null : request.Title.Trim();
        if (title?.Length > PublicIncidentLimits.TitleMax)
        {
            errors["title"] = [$"The public title is at most {PublicIncidentLimits.TitleMax} characters."];
        }

        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        var incident = await db.Incidents.Include(i => i.Service).ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        var now = clock.GetUtcNow();
        var level = (await severities.GetSchemeAsync(ct)).Find(incident.SeverityKey);
        var pub = await db.PublicIncidents.Include(p => p.Updates).FirstOrDefaultAsync(p => p.IncidentId == incident.Id, ct);
        if (pub is null)
        {
            pub = new PublicIncident
            {
                IncidentId = incident.Id,
                Name = title ?? Clip(incident.Title),
                Status = request.Status!,
                Impact = PublicIncidentStatus.Impact(level?.Rank ?? int.MaxValue),
                Components = [.. await ComponentKeysAsync(incident, ct)],
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.PublicIncidents.Add(pub);
        }

        var update = new PublicIncidentUpdate { Status = request.Status!, Title = title, Body = body!, CreatedAt = now, CreatedBy = actor.Name };
        pub.Updates.Add(update);
        var pending = ExternalCommsRule.NeedsApproval(pub, level);
        var headline = $"({PublicIncidentStatus.Label(update.Status)}) {title ?? pub.Name}: {body}";
        if (pending)
        {
            IncidentFactory.Touch(db, incident, actor, now, TimelineKind.PublicUpdate, $"Public update awaiting approval by the commander or an admin {headline}");
            audit.Record(actor, "public_update.post", Resource(incident), $"pending approval, {update.Status}");
        }
        else
        {
            Publish(pub, update, now);
            IncidentFactory.Touch(db, incident, actor, now, TimelineKind.PublicUpdate, $"Public update published {headline}");
            audit.Record(actor, "public_update.post", Resource(incident), update.Status);
        }

        await SaveAsync(pub, published: !pending, now, ct);
        events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
        if (!pending)
        {
            await AfterPublishAsync(pub, update, ct);
        }

        return ToDto(update);
    }

    /// <summary>Whether this user may approve the incident's public updates: its commander, or an admin.</summary>
    public async Task<bool> MayApproveAsync(string reference, long? userId, bool isAdmin, CancellationToken ct) =>
        isAdmin || (userId is not null && await db.Incidents.AsNoTracking().ByReference(reference).AnyAsync(i => i.CommanderId == userId, ct));

    /// <summary>Publishes a pending update; only the incident's commander or an admin may.</summary>
    public async Task<Outcome<PublicUpdateDto>> ApproveAsync(Actor actor, bool isAdmin, string reference, long updateId, CancellationToken ct)
    {
        var incident = await db.Incidents.ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        var pub = await db.PublicIncidents.Include(p => p.Updates).FirstOrDefaultAsync(p => p.IncidentId == incident.Id, ct);
        var update = pub?.Updates.FirstOrDefault(u => u.Id == updateId);
        if (pub is null || update is null)
        {
            return Failure.NotFound($"Incident #{incident.Number} has no public update {updateId}. GET /api/v1/incidents/{incident.Number}/public-updates lists them.");
        }

        if (!isAdmin && (actor.UserId is null || incident.CommanderId != actor.UserId))
        {
            return Failure.Forbidden($"Only the commander of incident #{incident.Number} or an admin may approve its public updates.");
        }

        if (update.PublishedAt is not null)
        {
            return Failure.Conflict($"Public update {updateId} was already published at {update.PublishedAt:yyyy-MM-dd HH:mm} UTC{(update.ApprovedBy is { } by ? $", approved by {by}" : "")}.");
        }

        var now = clock.GetUtcNow();
        update.ApprovedBy = actor.Name;
        Publish(pub, update, now);
        IncidentFactory.Touch(db, incident, actor, now, TimelineKind.PublicUpdate,
            $"Public update by {update.CreatedBy} approved and published ({PublicIncidentStatus.Label(update.Status)}) {update.Title ?? pub.Name}");
        audit.Record(actor, "public_update.approve", Resource(incident), $"update {update.Id}, {update.Status}");
        await SaveAsync(pub, published: true, now, ct);
        events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
        await AfterPublishAsync(pub, update, ct);
        return ToDto(update);
    }

    /// <summary>
    /// Switches approval on for an incident (any responder: asking for more care is always allowed) or off (the commander
    /// or an admin, since it lets posts out unchecked). A severity that needs approval is not switched off here.
    /// </summary>
    public async Task<Outcome<PublicIncidentDto>> SetApprovalAsync(Actor actor, bool isAdmin, string reference, SetPublicApprovalRequest request, CancellationToken ct)
    {
        if (request.Required is not { } required)
        {
            return Failure.Invalid("required", "Say whether public updates need approval: {\"required\": true} or false.");
        }

        var incident = await db.Incidents.Include(i => i.Service).ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        if (!required && !isAdmin && (actor.UserId is null || incident.CommanderId != actor.UserId))
        {
            return Failure.Forbidden($"Only the commander of incident #{incident.Number} or an admin may stop its public updates needing approval.");
        }

        var pub = await db.PublicIncidents.Include(p => p.Updates).FirstOrDefaultAsync(p => p.IncidentId == incident.Id, ct);
        if (pub is null && required)
        {
            var level = (await severities.GetSchemeAsync(ct)).Find(incident.SeverityKey);
            var now = clock.GetUtcNow();
            pub = new PublicIncident
            {
                IncidentId = incident.Id,
                Name = Clip(incident.Title),
                Status = PublicIncidentStatus.Investigating,
                Impact = PublicIncidentStatus.Impact(level?.Rank ?? int.MaxValue),
                Components = [.. await ComponentKeysAsync(incident, ct)],
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.PublicIncidents.Add(pub);
        }

        if (pub is not null && pub.NeedsApproval != required)
        {
            pub.NeedsApproval = required;
            IncidentFactory.Touch(db, incident, actor, clock.GetUtcNow(), TimelineKind.PublicUpdate,
                required ? "Public updates now need the commander's or an admin's approval" : "Public updates no longer need approval on this incident");
            audit.Record(actor, "public_update.approval", Resource(incident), required ? "required" : "not required");
            await db.SaveChangesAsync(ct);
            events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
        }

        return await ToDtoAsync(incident, pub, ct);
    }

    /// <summary>Saves; a publication marks its subscribers due a notice in the same unit of work, so it is always told.</summary>
    private async Task SaveAsync(PublicIncident pub, bool published, DateTimeOffset now, CancellationToken ct)
    {
        if (published)
        {
            await SubscriberService.NoticeDueAsync(db, pub.Components, now, ct);
        }

        await db.SaveChangesAsync(ct);
    }

    private static void Publish(PublicIncident pub, PublicIncidentUpdate update, DateTimeOffset now)
    {
        update.PublishedAt = now;
        pub.Status = update.Status;
        pub.Name = update.Title ?? pub.Name;
        pub.UpdatedAt = now;
        pub.PublishedAt ??= now;
        if (update.Status == PublicIncidentStatus.Monitoring)
        {
            pub.MonitoringAt ??= now;
        }

        // Posting anything but resolved after a resolution reopens the incident on the page.
        pub.ResolvedAt = update.Status == PublicIncidentStatus.Resolved ? now : null;
    }

    private async Task AfterPublishAsync(PublicIncident pub, PublicIncidentUpdate update, CancellationToken ct)
    {
        await snapshot.RenderAsync(ct);
        var done = new PublicUpdatePublished(pub.Id, update.Id, pub.Name, update.Status, update.Body, pub.Components, update.PublishedAt!.Value);
        foreach (var hook in published)
        {
            await hook.OnPublishedAsync(done, ct);
        }
    }

    private async Task<IReadOnlyList<string>> ComponentKeysAsync(Incident incident, CancellationToken ct)
    {
        if (incident.Service?.Key is not { } service)
        {
            return [];
        }

        var components = await db.StatusComponents.AsNoTracking().ToListAsync(ct);
        return [.. components.Sorted().Where(c => c.Services.Contains(service, StringComparer.Ordinal)).Select(c => c.Key)];
    }

    private async Task<PublicIncidentDto> ToDtoAsync(Incident incident, PublicIncident? pub, CancellationToken ct)
    {
        var level = (await severities.GetSchemeAsync(ct)).Find(incident.SeverityKey);
        return new PublicIncidentDto(
            pub?.PublishedAt is null ? null : pub.Name,
            pub?.PublishedAt is null ? null : pub.Status,
            Clip(incident.Title),
            level?.ExternalCommsNeedApproval == true,
            pub?.NeedsApproval == true,
            pub?.Components ?? await ComponentKeysAsync(incident, ct),
            [.. (pub?.Updates ?? []).OrderByDescending(u => u.Id).Select(ToDto)]);
    }

    private static PublicUpdateDto ToDto(PublicIncidentUpdate u) =>
        new(u.Id, u.Status, u.Title, u.Body, u.CreatedAt, u.CreatedBy, u.PublishedAt is null, u.PublishedAt, u.ApprovedBy);

    private static string Clip(string title) => title.Length <= PublicIncidentLimits.TitleMax ? title : title[..PublicIncidentLimits.TitleMax];

    private static string Resource(Incident incident) => $"incident/{incident.Number}/public-updates";
}
