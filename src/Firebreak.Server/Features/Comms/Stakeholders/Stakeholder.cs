namespace Firebreak.Server.Features.Comms.Stakeholders;

/// <summary>
/// Someone told about incidents without being paged (<c>stakeholders:</c> in config): a person through their contact
/// methods, a chat channel's webhook or an email list, for some services, severities and kinds of message. Nothing
/// asks them to acknowledge and nothing escalates.
/// </summary>
public sealed class Stakeholder
{
    public long Id { get; set; }

    public required string Key { get; set; }

    public required string Name { get; set; }

    /// <summary>One of <see cref="StakeholderTargets"/>.</summary>
    public required string Target { get; set; }

    /// <summary>A username, an email address or a webhook URL, by <see cref="Target"/>.</summary>
    public required string Address { get; set; }

    /// <summary>
    /// The environment variable holding a <c>webhook</c>'s signing secret: the secret itself is read when sending and
    /// never stored, so neither a backup nor a log of this table holds it.
    /// </summary>
    public string? SecretEnv { get; set; }

    /// <summary>
    /// Outside the company (customers, partners): while the incident's external communication needs approval, their
    /// messages are held until the commander or an admin approves them. Internal stakeholders are never held.
    /// </summary>
    public bool External { get; set; }

    /// <summary>Service keys; empty means every service.</summary>
    public List<string> Services { get; set; } = [];

    /// <summary>Severity keys; empty means every severity.</summary>
    public List<string> Severities { get; set; } = [];

    /// <summary>Kinds of message (declaration, update, resolution).</summary>
    public List<string> Events { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether an incident of <paramref name="service"/> (key, empty for none) and <paramref name="severity"/> is theirs to hear about.</summary>
    public bool Wants(string kind, string service, string severity) =>
        Events.Contains(kind)
        && (Services.Count == 0 || Services.Contains(service))
        && (Severities.Count == 0 || Severities.Contains(severity));

    /// <summary>How people read where a message went: "Support (email)".</summary>
    public string Describe() => $"{Name} ({Target})";
}

/// <summary>Where a stakeholder's messages go.</summary>
public static class StakeholderTargets
{
    public const string User = "user";
    public const string Email = "email";
    public const string Slack = "slack";
    public const string Mattermost = "mattermost";
    public const string Teams = "teams";
    public const string Webhook = "webhook";

    public static readonly IReadOnlyList<string> All = [User, Email, Slack, Mattermost, Teams, Webhook];

    /// <summary>The kinds a stakeholder hears about: the ones an incident's audience outside the response gets.</summary>
    public static readonly IReadOnlyList<string> Events = [CommsKinds.Declaration, CommsKinds.Update, CommsKinds.Resolution];

    public static bool IsUrl(string target) => target is Slack or Mattermost or Teams or Webhook;
}
