namespace Firebreak.Server.Features.Comms;

/// <summary>
/// One message to stakeholders about an incident (declaration, status update, resolution): what was said, who said it,
/// when, and where it went. Append-only; the last one of kind update or declaration sets the update cadence's clock.
/// </summary>
public sealed class StakeholderUpdate
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    /// <summary>One of <see cref="CommsKinds"/>.</summary>
    public required string Kind { get; set; }

    public required string Text { get; set; }

    public long? SentById { get; set; }

    public required string SentBy { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Where it went, as people read it ("ops-leads (email), #support (slack)"); empty when nobody subscribes.</summary>
    public string Recipients { get; set; } = "";
}
