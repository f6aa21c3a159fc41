using System.Globalization;
using System.Text;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Reviews;

/// <summary>A new review draft, filled from what the incident already says.</summary>
public static class ReviewDrafts
{
    public static Review New(Incident incident, SeverityLevel? level, DateTimeOffset now, bool required) => new()
    {
        Incident = incident,
        IncidentId = incident.Id,
        Status = ReviewStatus.Draft,
        Required = required,
        OwnerId = incident.CommanderId ?? incident.DeclaredById,
        CreatedAt = now,
        UpdatedAt = now,
        DueAt = ReviewPolicy.DueAt(incident, level),
        Summary = Summary(incident),
        ImpactMinutes = ImpactMinutes(incident, now),
        ImpactLevel = level?.Rank switch
        {
            0 => ImpactLevels.High,
            1 => ImpactLevels.Medium,
            2 => ImpactLevels.Low,
            _ => ImpactLevels.None,
        },
        Answers = [.. ReviewPolicy.Questions(level).Select((q, i) => new ReviewAnswer { Position = i, Question = q })],
    };

    /// <summary>From the impact start (else the declaration) to mitigation (else resolution), in whole minutes.</summary>
    public static int? ImpactMinutes(Incident incident, DateTimeOffset now)
    {
        var start = incident.ImpactStartedAt ?? incident.DeclaredAt;
        var end = incident.MitigatedAt ?? incident.ResolvedAt ?? now;
        return end < start ? 0 : (int)Math.Round((end - start).TotalMinutes, MidpointRounding.AwayFromZero);
    }

    private static string Summary(Incident incident)
    {
        var text = new StringBuilder(incident.Title.Trim());
        if (!string.IsNullOrWhiteSpace(incident.Description))
        {
            text.Append("\n\n").Append(incident.Description.Trim());
        }

        if (!string.IsNullOrWhiteSpace(incident.Impact))
        {
            text.Append("\n\nImpact: ").Append(incident.Impact.Trim());
        }

        return text.ToString();
    }
}

/// <summary>Opens the review draft when an incident resolves, if its severity asks for one (<see cref="ReviewPolicy"/>).</summary>
public sealed class ReviewOnResolve(SeverityCatalog severities) : IIncidentResolvedStep
{
    public async Task OnResolvedAsync(FirebreakDb db, Incident incident, DateTimeOffset now, CancellationToken ct)
    {
        var level = (await severities.GetSchemeAsync(ct)).Find(incident.SeverityKey);
        if (!ReviewPolicy.DraftOnResolve(incident, level))
        {
            return;
        }

        // Reopened and resolved again: the review already open goes on, due from the first resolution.
        if (db.Entry(incident).State != EntityState.Added && await db.Reviews.AnyAsync(r => r.IncidentId == incident.Id, ct))
        {
            return;
        }

        var review = ReviewDrafts.New(incident, level, now, required: true);
        db.Reviews.Add(review);
        IncidentFactory.Touch(db, incident, Actor.System, now, Core.Incidents.TimelineKind.Review,
            review.DueAt is { } due ? $"Review draft opened, due {due.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" : "Review draft opened");
    }
}
