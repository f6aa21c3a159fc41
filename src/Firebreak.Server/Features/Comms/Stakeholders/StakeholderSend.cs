namespace Firebreak.Server.Features.Comms.Stakeholders;

/// <summary>
/// One message to one stakeholder, queued in the transaction of what caused it (the outbox) and rendered then, so it
/// says what was true when it was written however late a retry sends it. Its engine work item carries its id.
/// </summary>
public sealed class StakeholderSend
{
    /// <summary>Made here rather than by the database, so the work item can name it before anything is saved.</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public long IncidentId { get; set; }

    public long StakeholderId { get; set; }

    /// <summary>One of <see cref="StakeholderTargets.Events"/>.</summary>
    public required string Kind { get; set; }

    public required string Subject { get; set; }

    public required string Text { get; set; }

    public required string Html { get; set; }

    public string Status { get; set; } = StakeholderSendStatus.Queued;

    /// <summary>Who let a held message go (the commander or an admin), and when.</summary>
    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}

public static class StakeholderSendStatus
{
    /// <summary>To an external stakeholder while the incident's external communication needs approval: nothing is sent, and no work item waits, until approved.</summary>
    public const string Held = "held";
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Failed = "failed";
}
