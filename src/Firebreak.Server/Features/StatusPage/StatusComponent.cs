namespace Firebreak.Server.Features.StatusPage;

/// <summary>A part of the product the public sees on the status page ("API", "Checkout"), fed by the services it lists.</summary>
public sealed class StatusComponent
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>Components with the same group name are shown together under it.</summary>
    public string? GroupName { get; set; }
    public int Position { get; set; }
    public required string Status { get; set; }

    /// <summary>Service keys whose incidents propose this component's status.</summary>
    public List<string> Services { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One change of a component's status: the history the uptime bars are drawn from.</summary>
public sealed class StatusComponentChange
{
    public long Id { get; set; }
    public long ComponentId { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ChangedBy { get; set; }
}
