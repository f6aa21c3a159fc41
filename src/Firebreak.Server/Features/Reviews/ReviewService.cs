using System.Globalization;
using Firebreak.Core.Incidents;
using Firebreak.Core.Reviews;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.ActionItems;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Reviews;

/// <summary>
/// Writing, submitting and publishing a review. Each command writes its change, its audit event and (for the status
/// moves) its timeline entry in one save; publishing closes a resolved incident in that same save.
/// </summary>
public sealed class ReviewService(FirebreakDb db, SeverityCatalog severities, AuditLog audit, TimeProvider clock, IncidentEvents events)
{
    public async Task<Outcome<IReadOnlyList<ReviewSummaryDto>>> ListAsync(string? status, CancellationToken ct)
    {
        var query = db.Reviews.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status))
        {
            var wanted = status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (wanted.FirstOrDefault(s => !ReviewStatus.All.Contains(s)) is { } unknown)
            {
                return Failure.Invalid("status", $"Unknown review status '{unknown}'. Use one of: {string.Join(", ", ReviewStatus.All)}.");
            }

            query = query.Where(r => wanted.Contains(r.Status));
        }

        var now = clock.GetUtcNow();
        var rows = await query
            .Select(r => new
            {
                r.Incident!.Number,
                r.Incident.Slug,
                r.Incident.Title,
                r.Incident.SeverityKey,
                r.Status,
                r.Required,
                r.DueAt,
                r.UpdatedAt,
                r.PublishedAt,
                Owner = db.Set<User>().Where(u => u.Id == r.OwnerId).Select(u => new { u.Username, u.DisplayName }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        // Sorted here: SQLite cannot order by DateTimeOffset in SQL. Due first (soonest first), then the rest, newest first.
        return rows
            .OrderBy(r => r.Status == ReviewStatus.Published)
            .ThenBy(r => r.DueAt is null)
            .ThenBy(r => r.DueAt)
            .ThenByDescending(r => r.UpdatedAt)
            .Select(r => new ReviewSummaryDto(r.Number, r.Slug, r.Title, r.SeverityKey, r.Status, r.Required, r.Owner?.Username, r.Owner?.DisplayName,
                r.DueAt, Overdue(r.Status, r.DueAt, now), r.UpdatedAt, r.PublishedAt))
            .ToList();
    }

    public async Task<Outcome<ReviewDto>> GetAsync(string reference, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        var review = await db.Reviews.AsNoTracking().Include(r => r.Answers).FirstOrDefaultAsync(r => r.IncidentId == incident.Id, ct);
        if (review is null)
        {
            return Failure.NotFound(incident.Status.IsOpen()
                ? $"Incident #{incident.Number} is {incident.Status.ToWire()}; its review opens when it resolves."
                : $"Incident #{incident.Number} has no review yet. Start one with PUT /api/v1/incidents/{incident.Number}/review.");
        }

        return await ToDtoAsync(review, incident, ct);
    }

    /// <summary>Whether a responder may start a review of the incident now: it is resolved or closed, has none, and its severity allows one.</summary>
    public async Task<bool> CanStartAsync(string reference, CancellationToken ct)
    {
        var severity = await db.Incidents.AsNoTracking().ByReference(reference)
            .Where(i => (i.Status == IncidentStatus.Resolved || i.Status == IncidentStatus.Closed) && !db.Set<Review>().Any(r => r.IncidentId == i.Id))
            .Select(i => i.SeverityKey)
            .FirstOrDefaultAsync(ct);
        return severity is not null && ReviewPolicy.MayStart((await severities.GetSchemeAsync(ct)).Find(severity));
    }

    /// <summary>Whether the incident's severity says <c>review: none</c>.</summary>
    public async Task<bool> AsksForNoneAsync(string reference, CancellationToken ct)
    {
        var severity = await db.Incidents.AsNoTracking().ByReference(reference).Select(i => i.SeverityKey).FirstOrDefaultAsync(ct);
        return severity is not null && !ReviewPolicy.MayStart((await severities.GetSchemeAsync(ct)).Find(severity));
    }

    /// <summary>Replaces what people write in the review; starts one for a resolved incident that has none (an optional review).</summary>
    public async Task<Outcome<ReviewDto>> SaveAsync(Actor actor, string reference, ReviewUpdateRequest request, CancellationToken ct)
    {
        var incident = await db.Incidents.ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        var review = await db.Reviews.Include(r => r.Answers).FirstOrDefaultAsync(r => r.IncidentId == incident.Id, ct);
        var now = clock.GetUtcNow();
        var starting = review is null;
        if (review is null)
        {
            var started = await NewAsync(incident, now, ct);
            if (!started.IsOk)
            {
                return new Outcome<ReviewDto>(started.Kind, null, started.Error, null);
            }

            review = started.Value!;
        }
        else if (review.Status == ReviewStatus.Published)
        {
            return Failure.Conflict($"The review of incident #{incident.Number} is published and no longer changes.");
        }
        else if (request.Revision is { } revision && revision != review.Revision)
        {
            return Failure.Conflict($"Someone saved this review since you loaded it (revision {review.Revision}, yours {revision}). Reload it and merge your changes.");
        }

        var errors = new Dictionary<string, string[]>();
        var owner = await FindOwnerAsync(request.Owner, errors, ct);
        var timelineIds = await CheckTimelineAsync(incident.Id, request.Timeline, errors, ct);
        Validate(request, review.Answers.Count, errors);
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        review.Summary = Text(request.Summary);
        review.ProximateCause = Text(request.ProximateCause);
        review.ContributingFactors = Text(request.ContributingFactors);
        review.DetectionGap = Text(request.DetectionGap);
        review.WentWell = Text(request.WentWell);
        review.CouldBeBetter = Text(request.CouldBeBetter);
        review.Lessons = Text(request.Lessons);
        review.UsersAffected = request.Impact?.UsersAffected;
        review.ImpactMinutes = request.Impact?.Minutes;
        review.RevenueImpact = request.Impact?.Revenue;
        review.SlaBreached = request.Impact?.SlaBreached;
        review.ImpactLevel = request.Impact?.Level?.Trim().ToLowerInvariant() is { Length: > 0 } impactLevel ? impactLevel : ImpactLevels.None;
        review.KeyTimelineEntryIds = timelineIds;
        review.OwnerId = owner?.Id;
        foreach (var answer in review.Answers)
        {
            answer.Answer = Text(request.Answers is { } answers && answer.Position < answers.Count ? answers[answer.Position] : null);
        }

        review.UpdatedAt = now;
        review.Revision++;
        if (starting)
        {
            IncidentFactory.Touch(db, incident, actor, now, TimelineKind.Review, $"{actor.Name} started a review");
        }

        audit.Record(actor, starting ? "review.start" : "review.update", Resource(incident), null);
        await db.SaveChangesAsync(ct);
        if (starting)
        {
            events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
        }

        return await ToDtoAsync(review, incident, ct);
    }

    /// <summary>Starts the review of a resolved incident that has none (its severity made it optional), filled from the incident.</summary>
    public async Task<Outcome<ReviewDto>> StartAsync(Actor actor, string reference, CancellationToken ct)
    {
        var incident = await db.Incidents.ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        if (await db.Reviews.AnyAsync(r => r.IncidentId == incident.Id, ct))
        {
            return Failure.Conflict($"Incident #{incident.Number} has a review already.");
        }

        var now = clock.GetUtcNow();
        var started = await NewAsync(incident, now, ct);
        if (started.Value is not { } review)
        {
            return new Outcome<ReviewDto>(started.Kind, null, started.Error, null);
        }

        IncidentFactory.Touch(db, incident, actor, now, TimelineKind.Review, $"{actor.Name} started a review");
        audit.Record(actor, "review.start", Resource(incident), null);
        await db.SaveChangesAsync(ct);
        events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
        return await ToDtoAsync(review, incident, ct);
    }

    private async Task<Outcome<Review>> NewAsync(Incident incident, DateTimeOffset now, CancellationToken ct)
    {
        if (incident.Status.IsOpen())
        {
            return Failure.Conflict($"Incident #{incident.Number} is {incident.Status.ToWire()}: a review is written once it is resolved.");
        }

        var level = (await severities.GetSchemeAsync(ct)).Find(incident.SeverityKey);
        if (!ReviewPolicy.MayStart(level))
        {
            return Failure.Conflict($"Severity {incident.SeverityKey} asks for no review (review: none in the severity config).");
        }

        var review = ReviewDrafts.New(incident, level, now, required: false);
        db.Reviews.Add(review);
        return review;
    }

    public Task<Outcome<ReviewDto>> SubmitAsync(Actor actor, string reference, CancellationToken ct) =>
        MoveAsync(actor, reference, ReviewStatus.InReview, ct);

    public Task<Outcome<ReviewDto>> PublishAsync(Actor actor, string reference, CancellationToken ct) =>
        MoveAsync(actor, reference, ReviewStatus.Published, ct);

    private async Task<Outcome<ReviewDto>> MoveAsync(Actor actor, string reference, string to, CancellationToken ct)
    {
        var incident = await db.Incidents.ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        var review = await db.Reviews.Include(r => r.Answers).FirstOrDefaultAsync(r => r.IncidentId == incident.Id, ct);
        if (review is null)
        {
            return Failure.NotFound($"Incident #{incident.Number} has no review yet.");
        }

        var from = review.Status;
        var expected = to == ReviewStatus.InReview ? ReviewStatus.Draft : ReviewStatus.InReview;
        if (from != expected)
        {
            return Failure.Conflict(from == to
                ? $"The review is already {ReviewStatus.Text(to).ToLowerInvariant()}."
                : $"A review moves draft → in review → published; this one is {ReviewStatus.Text(from).ToLowerInvariant()}{(to == ReviewStatus.Published ? ": submit it for review first" : "")}.");
        }

        var missing = Missing(review);
        if (missing.Count > 0)
        {
            return Failure.Invalid(missing);
        }

        var now = clock.GetUtcNow();
        if (to == ReviewStatus.Published)
        {
            // The commander answers for the incident, so they (or an admin) say the review is done and the incident closes.
            var isAdmin = actor.UserId is { } id && await db.Users.AnyAsync(u => u.Id == id && u.Role == Role.Admin, ct);
            var isCommander = actor.UserId is not null && incident.CommanderId == actor.UserId;
            if (!isAdmin && !isCommander)
            {
                return Failure.Forbidden($"Only the incident's commander or an admin publishes its review{(incident.CommanderId is null ? "; the incident has no commander, so an admin must" : "")}.");
            }

            if (incident.Status.IsOpen())
            {
                return Failure.Conflict($"Incident #{incident.Number} was reopened ({incident.Status.ToWire()}); publish its review once it is resolved again.");
            }

            review.PublishedAt = now;
            review.PublishedBy = actor.Name;
            IncidentFactory.Touch(db, incident, actor, now, TimelineKind.Review, $"{actor.Name} published the review");
            if (incident.Status == IncidentStatus.Resolved)
            {
                IncidentFactory.ChangeStatus(db, incident, IncidentStatus.Closed, actor, now, "review published");
                audit.Record(actor, "incident.status.closed", Resource(incident), "resolved -> closed (review published)");
            }
        }
        else
        {
            review.SubmittedAt = now;
            review.SubmittedBy = actor.Name;
            IncidentFactory.Touch(db, incident, actor, now, TimelineKind.Review, $"{actor.Name} submitted the review for review");
        }

        review.Status = to;
        review.UpdatedAt = now;
        review.Revision++;
        audit.Record(actor, to == ReviewStatus.Published ? "review.publish" : "review.submit", Resource(incident), $"{from} -> {to}");
        await db.SaveChangesAsync(ct);
        events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
        return await ToDtoAsync(review, incident, ct);
    }

    /// <summary>What a review needs before others read it: a summary and the proximate cause.</summary>
    private static Dictionary<string, string[]> Missing(Review review)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(review.Summary))
        {
            errors["summary"] = ["Write a summary first: what happened, to whom, for how long."];
        }

        if (string.IsNullOrWhiteSpace(review.ProximateCause))
        {
            errors["proximateCause"] = ["Name the proximate cause first: the change or condition that set the incident off."];
        }

        return errors;
    }

    private static void Validate(ReviewUpdateRequest request, int questions, Dictionary<string, string[]> errors)
    {
        Length(errors, "summary", request.Summary);
        Length(errors, "proximateCause", request.ProximateCause);
        Length(errors, "contributingFactors", request.ContributingFactors);
        Length(errors, "detectionGap", request.DetectionGap);
        Length(errors, "wentWell", request.WentWell);
        Length(errors, "couldBeBetter", request.CouldBeBetter);
        Length(errors, "lessons", request.Lessons);
        if (request.Answers is { } answers)
        {
            if (answers.Count > questions)
            {
                errors["answers"] = [$"{answers.Count} answers for {questions} questions: give one answer per question, in their order."];
            }

            for (var i = 0; i < answers.Count; i++)
            {
                Length(errors, $"answers[{i}]", answers[i]);
            }
        }

        if (request.Impact is not { } impact)
        {
            return;
        }

        if (impact.UsersAffected is < 0 or > ReviewLimits.UsersAffectedMax)
        {
            errors["impact.usersAffected"] = [$"Users affected is a count from 0 to {ReviewLimits.UsersAffectedMax:N0}, not {impact.UsersAffected}."];
        }

        if (impact.Minutes is < 0 or > ReviewLimits.ImpactMinutesMax)
        {
            errors["impact.minutes"] = [$"The impact lasted 0 to {ReviewLimits.ImpactMinutesMax} minutes (a year), not {impact.Minutes}."];
        }

        if (impact.Revenue is < 0 or > 1_000_000_000_000m)
        {
            errors["impact.revenue"] = ["Revenue impact is an amount from 0 to 1,000,000,000,000."];
        }

        if (impact.Level is { } level && !string.IsNullOrWhiteSpace(level) && !ImpactLevels.All.Contains(level.Trim().ToLowerInvariant()))
        {
            errors["impact.level"] = [$"Unknown impact level '{level}'. Use one of: {string.Join(", ", ImpactLevels.All)}."];
        }
    }

    private static void Length(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (value is { Length: var n } && n > ReviewLimits.TextMax)
        {
            errors[field] = [$"'{field}' is {n.ToString(CultureInfo.InvariantCulture)} characters; the limit is {ReviewLimits.TextMax.ToString(CultureInfo.InvariantCulture)}."];
        }
    }

    private async Task<User?> FindOwnerAsync(string? username, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username))
        {
            return null;
        }

        var name = username.Trim();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == name && !u.Disabled, ct);
        if (user is null)
        {
            errors["owner"] = [$"Unknown user '{name}'."];
        }
        else if (user.Role == Role.Viewer)
        {
            errors["owner"] = [$"{user.DisplayName} is a viewer; a review's owner is a responder or an admin."];
        }

        return user;
    }

    private async Task<List<long>?> CheckTimelineAsync(long incidentId, IReadOnlyList<long>? ids, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (ids is null)
        {
            return null;
        }

        var wanted = ids.Distinct().ToList();
        var known = await db.TimelineEntries.Where(t => t.IncidentId == incidentId && wanted.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);
        var unknown = wanted.Except(known).ToList();
        if (unknown.Count > 0)
        {
            errors["timeline"] = [$"Not on this incident's timeline: {string.Join(", ", unknown.Take(10))}. Give the ids of its timeline entries."];
        }

        return [.. known.Order()];
    }

    private async Task<ReviewDto> ToDtoAsync(Review review, Incident incident, CancellationToken ct)
    {
        var level = (await severities.GetSchemeAsync(ct)).Find(incident.SeverityKey);
        var service = incident.ServiceId is { } sid ? await db.Services.Where(s => s.Id == sid).Select(s => s.Key).FirstOrDefaultAsync(ct) : null;
        var timeline = await db.TimelineEntries.AsNoTracking().Where(t => t.IncidentId == incident.Id).OrderBy(t => t.Id).ToListAsync(ct);
        var roleIds = new[] { incident.CommanderId, incident.TechLeadId, incident.CommsLeadId, incident.ScribeId, review.OwnerId }.OfType<long>().Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => roleIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var now = clock.GetUtcNow();
        var kept = review.KeyTimelineEntryIds is { } ids ? ids.ToHashSet() : null;
        var answers = review.Answers.OrderBy(a => a.Position).Select(a => new ReviewAnswerDto(a.Question, a.Answer)).ToList();
        var owner = review.OwnerId is { } oid && people.TryGetValue(oid, out var o) ? o : null;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var followUps = await db.ActionItems.AsNoTracking().Where(a => a.IncidentId == incident.Id).OrderBy(a => a.Id).ToListAsync(ct);
        return new ReviewDto(
            new ReviewIncidentDto(incident.Number, incident.Slug, incident.Title, incident.SeverityKey, incident.Status.ToWire(), service, incident.IsDrill,
                incident.Resolution, incident.DeclaredAt, incident.ImpactStartedAt, incident.ResolvedAt, incident.ClosedAt),
            review.Status, review.Required, owner?.Username, owner?.DisplayName, review.DueAt, Overdue(review.Status, review.DueAt, now),
            review.CreatedAt, review.UpdatedAt, review.SubmittedAt, review.SubmittedBy, review.PublishedAt, review.PublishedBy, review.Revision,
            review.Summary, review.ProximateCause, review.ContributingFactors, review.DetectionGap, review.WentWell, review.CouldBeBetter, review.Lessons,
            new ReviewImpactDto(review.UsersAffected, review.ImpactMinutes, review.RevenueImpact, review.SlaBreached, review.ImpactLevel),
            Metrics(incident, level, now),
            [.. Enum.GetValues<IncidentRole>()
                .Select(role => (role, id: incident.RoleHolderId(role)))
                .Where(r => r.id is { } uid && people.ContainsKey(uid))
                .Select(r => new ReviewRoleDto(r.role.ToWire(), people[r.id!.Value].Username, people[r.id!.Value].DisplayName))],
            [.. timeline.Select(t => new ReviewTimelineEntryDto(t.Id, t.At, t.Kind, t.ActorName, t.Text, kept?.Contains(t.Id) ?? ReviewPolicy.KeyKinds.Contains(t.Kind)))],
            answers,
            Flags(review, answers),
            [.. followUps.Select(a => new ReviewActionItemDto(a.Key, a.Title, a.Priority, a.Owner, a.DueOn, a.Status,
                a.DueOn is { } d && d < today && !ActionItemStatus.IsClosed(a.Status), a.Source))]);
    }

    /// <summary>TTD, TTA, TTM and TTR from the incident's timestamps, the acknowledge and mitigate ones against the severity's targets.</summary>
    public static IReadOnlyList<ReviewMetricDto> Metrics(Incident incident, SeverityLevel? level, DateTimeOffset now)
    {
        var metrics = ResponseMetrics.Compute(incident.Timestamps, now);
        var targets = level?.Targets ?? ResponseTargets.None;
        return
        [
            Metric("ttd", "Time to detect", metrics.Ttd, null),
            Metric("tta", "Time to acknowledge", metrics.Tta, targets.AcknowledgeWithin),
            Metric("ttm", "Time to mitigate", metrics.Ttm, targets.MitigateWithin),
            Metric("ttr", "Time to resolve", metrics.Ttr, null),
        ];

        static ReviewMetricDto Metric(string key, string label, MetricValue? value, TimeSpan? target) => value is null
            ? new ReviewMetricDto(key, label, null, "unknown (no impact start)", target?.TotalSeconds, null)
            : new ReviewMetricDto(key, label, value.Reached ? value.Duration.TotalSeconds : null, value.ToString(), target?.TotalSeconds,
                target is { } t ? value.MetTarget(t) : null);
    }

    private static List<BlameFlagDto> Flags(Review review, IReadOnlyList<ReviewAnswerDto> answers)
    {
        var fields = new List<(string Field, string Text)>
        {
            ("summary", review.Summary), ("proximateCause", review.ProximateCause), ("contributingFactors", review.ContributingFactors),
            ("detectionGap", review.DetectionGap), ("wentWell", review.WentWell), ("couldBeBetter", review.CouldBeBetter), ("lessons", review.Lessons),
        };
        fields.AddRange(answers.Select((a, i) => ($"answers[{i}]", a.Answer)));
        return [.. fields.SelectMany(f => BlamelessWording.Check(f.Text).Select(b => new BlameFlagDto(f.Field, b.Phrase, b.Suggestion)))];
    }

    private static bool Overdue(string status, DateTimeOffset? due, DateTimeOffset now) => status != ReviewStatus.Published && due is { } d && d < now;

    private static string Text(string? value) => value?.Trim() ?? "";

    private static string Resource(Incident incident) => $"incident/{incident.Slug}/review";
}
