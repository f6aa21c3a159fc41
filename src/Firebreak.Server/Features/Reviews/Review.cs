using Firebreak.Server.Features.Incidents;

namespace Firebreak.Server.Features.Reviews;

/// <summary>
/// The post-incident review of one incident: a draft filled from the incident when it resolves, written by the
/// responders, submitted for review and published, which closes the incident. Metrics and roles are read from the
/// incident when shown, so they always say what the incident says; what people write is kept here.
/// </summary>
public sealed class Review
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public Incident? Incident { get; set; }

    /// <summary><see cref="ReviewStatus"/>: draft, in_review or published.</summary>
    public required string Status { get; set; }

    /// <summary>Whether the severity asked for the review (<see cref="ReviewPolicy"/>), or someone started it anyway.</summary>
    public bool Required { get; set; }
    public long? OwnerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Resolved at plus the severity's <c>review_within</c>; null when the severity sets none.</summary>
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    public string Summary { get; set; } = "";
    public string ProximateCause { get; set; } = "";
    public string ContributingFactors { get; set; } = "";
    public string DetectionGap { get; set; } = "";
    public string WentWell { get; set; } = "";
    public string CouldBeBetter { get; set; } = "";
    public string Lessons { get; set; } = "";

    public int? UsersAffected { get; set; }
    public int? ImpactMinutes { get; set; }

    /// <summary>Revenue lost or at risk, in the instance's own currency: a number so reports can add it up.</summary>
    public decimal? RevenueImpact { get; set; }
    public bool? SlaBreached { get; set; }

    /// <summary><see cref="ImpactLevels"/>: none, low, medium or high.</summary>
    public string ImpactLevel { get; set; } = ImpactLevels.None;

    /// <summary>
    /// The timeline entries the responders keep, by id; null until they pick, when the key kinds are kept
    /// (<see cref="ReviewPolicy.KeyKinds"/>), so entries written after the draft opened are offered too.
    /// </summary>
    public List<long>? KeyTimelineEntryIds { get; set; }

    public List<ReviewAnswer> Answers { get; set; } = [];

    /// <summary>Two people saving the same review at once get a conflict rather than one losing the other's words.</summary>
    public int Revision { get; set; }
}

/// <summary>One review question, as the severity asked it when the draft opened, and the team's answer.</summary>
public sealed class ReviewAnswer
{
    public long Id { get; set; }
    public long ReviewId { get; set; }
    public int Position { get; set; }
    public required string Question { get; set; }
    public string Answer { get; set; } = "";
}
