using System.Text.Json;
using Firebreak.Core.Escalation;
using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Firebreak.Server.Features.Escalation;

public sealed record DeliveryDto(
    Guid Id, string Username, string Channel, string Cause, string Reason, int Attempt, string Status, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset DueAt, DateTimeOffset? FinishedAt);

public sealed record EscalationStateDto(
    string? Policy, string? PolicyName, int StepsFired, int? CurrentStep, int? NextStep, DateTimeOffset? NextStepDue,
    bool Stopped, string? StoppedBecause, IReadOnlyList<string> FiredRules, IReadOnlyList<DeliveryDto> Deliveries,
    double? NextStepInSeconds = null,
    string? Warning = null,
    string? Notice = null);

public sealed record ReassignRequest(string? User, string? Note);

/// <summary>An incident's escalation as it stands, and the manual levers: escalate now, reassign.</summary>
public sealed class IncidentEscalationService(
    FirebreakDb db, SeverityCatalog severities, AuditLog audit, TimeProvider clock, IncidentEvents events, UnpagedServices unpaged)
{
    public async Task<Outcome<EscalationStateDto>> GetAsync(string reference, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound($"No incident '{reference}'.");
        }

        var deliveries = await db.NotificationDeliveries.AsNoTracking().Where(d => d.IncidentId == incident.Id)
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Username).ThenBy(d => d.Attempt).ToListAsync(ct);
        var log = deliveries.Select(d => new DeliveryDto(d.Id, d.Username, d.Channel.ToString().ToLowerInvariant(), d.Cause, d.Reason, d.Attempt,
            d.Status.ToString().ToLowerInvariant(), d.Error, d.CreatedAt, d.DueAt, d.FinishedAt)).ToList();
        var escalation = await db.IncidentEscalations.AsNoTracking().FirstOrDefaultAsync(e => e.IncidentId == incident.Id, ct);
        var service = incident.ServiceId is { } sid ? await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid, ct) : null;
        if (escalation is null)
        {
            return new EscalationStateDto(null, null, 0, null, null, null, true, "no escalation policy: nobody is paged", [], log,
                Warning: NobodyPaged(service));
        }

        var notice = escalation.PolicyKey == Escalations.TestSenderPolicyKey
            ? $"A test event: it pages only {incident.TestSentBy}, who sent it, not the on-call."
            : service?.EscalationPolicyId is null
            ? $"Paged through the default policy '{escalation.PolicyName}' ({EscalationOptions.DefaultPolicyKey}): "
              + (service is null ? "the incident has no service." : $"service '{service.Key}' has no policy of its own.")
            : null;

        // As the engine will see it: a re-fire it has not yet run for already starts over.
        Escalations.RestartIfRefired(escalation, incident);
        var scheme = await severities.GetSchemeAsync(ct);
        var (policy, _, errors) = Escalations.Build(escalation, scheme);
        var facts = Escalations.Facts(incident, escalation, scheme);
        var after = escalation.LastFiredDue is { } l ? Instant.FromDateTimeOffset(l) : (Instant?)null;
        var fired = policy is null ? [] : EscalationPlan.Firings(policy, facts).Where(f => after is { } a && f.Due <= a).ToList();
        var next = policy is null ? null : EscalationPlan.NextDue(policy, facts, after);
        var stopped = facts.Acknowledged is not null ? "acknowledged"
            : facts.Reached(Milestone.Acknowledged) is not null ? "resolved by source"
            : policy is null ? string.Join("; ", errors) : next is null ? "every step has fired" : null;
        return new EscalationStateDto(escalation.PolicyKey, escalation.PolicyName, escalation.StepsFired,
            fired.Count > 0 ? fired[^1].Step + 1 : null, next is null ? null : next.Step + 1, next?.Due.ToDateTimeOffset(),
            next is null, stopped, [.. Escalations.FiredRules(escalation).Order(StringComparer.Ordinal)], log,
            // Counted on the server's clock, so a client whose clock is off still says when the next page goes out.
            next is null ? null : Math.Max(0, (next.Due.ToDateTimeOffset() - clock.GetUtcNow()).TotalSeconds), Notice: notice);
    }

    private string NobodyPaged(Service? service)
    {
        var why = service is null ? "this incident has no service" : $"service '{service.Key}' ({service.Name}) has no escalation policy";
        return $"Nobody is paged for this incident: {why}. {unpaged.Fix(service, "Give it a service with a policy")}. Use Reassign to page someone now.";
    }

    /// <summary>Fires the next step now instead of waiting out the current step's delay.</summary>
    public async Task<Outcome<EscalationStateDto>> EscalateNowAsync(Actor actor, string reference, CancellationToken ct)
    {
        var incident = await db.Incidents.ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound($"No incident '{reference}'.");
        }

        var escalation = await db.IncidentEscalations.FirstOrDefaultAsync(e => e.IncidentId == incident.Id, ct);
        if (escalation is null)
        {
            return Failure.Conflict("This incident has no escalation policy to escalate through; use reassign to page someone.");
        }

        if (!incident.AwaitingAcknowledgement)
        {
            return Failure.Conflict("The incident is already acknowledged, so its escalation has stopped; use reassign to page someone.");
        }

        var now = clock.GetUtcNow();
        escalation.EscalatedNowJson = JsonSerializer.Serialize(Escalations.EscalatedNow(escalation).Append(now));
        await Escalations.NudgeAsync(db, incident.Id, now, ct);
        IncidentFactory.Touch(db, incident, actor, now, TimelineKind.Escalated, "Asked to escalate to the next step now");
        audit.Record(actor, "incident.escalate", $"incident/{incident.Slug}");
        await db.SaveChangesAsync(ct);
        events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
        return await GetAsync(reference, ct);
    }

    /// <summary>Pages one person now, whatever the policy says, following their notification rules.</summary>
    public async Task<Outcome<EscalationStateDto>> ReassignAsync(Actor actor, string reference, ReassignRequest request, CancellationToken ct)
    {
        var incident = await db.Incidents.ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound($"No incident '{reference}'.");
        }

        if (request.Note is { Length: > IncidentLimits.NoteMax } tooLong)
        {
            return Failure.Invalid("note", $"The note is {tooLong.Length} characters; the limit is {IncidentLimits.NoteMax}.");
        }

        var user = string.IsNullOrWhiteSpace(request.User) ? null : await db.Users.FirstOrDefaultAsync(u => u.Username == request.User.Trim() && !u.Disabled, ct);
        if (user is null)
        {
            return Failure.Invalid("user", $"No active user '{request.User}'.");
        }

        if (!PagingEligibility.CanBePaged(user.Role))
        {
            return Failure.Invalid("user", PagingEligibility.ViewerProblem(user.Username));
        }

        if (incident.ResolvedAt is not null)
        {
            return Failure.Conflict("The incident is resolved; nobody needs paging for it.");
        }

        var now = clock.GetUtcNow();
        var note = string.IsNullOrWhiteSpace(request.Note) ? "" : $": {request.Note.Trim()}";
        // Each press is its own page: a millisecond is not unique (two presses, or a clock that has not moved), and a
        // repeated cause would collide with the first press's idempotency key.
        var summary = await EscalationTargets.PageAsync(db, incident, [EscalationTarget.User(user.Username)], $"reassign:{Guid.CreateVersion7(now):N}",
            $"reassigned to you by {actor.Name}{note}", now, ct);
        IncidentFactory.Touch(db, incident, actor, now, TimelineKind.Escalated, $"Reassigned to {user.Username}{note}: {summary.Describe()}");
        audit.Record(actor, "incident.reassign", $"incident/{incident.Slug}", user.Username);
        await db.SaveChangesAsync(ct);
        events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
        return await GetAsync(reference, ct);
    }
}
