using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Notifications.Channels;

namespace Firebreak.Server.Features.Notifications;

/// <summary>One place a user can be reached: an email address or a webhook URL, with a signing secret for webhooks.</summary>
public sealed class ContactMethod
{
    public long Id { get; set; }

    public long UserId { get; set; }

    public User? User { get; set; }

    public ContactKind Kind { get; set; }

    public required string Label { get; set; }

    public required string Address { get; set; }

    public string? Secret { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public ContactAddress ToAddress() => new(Kind, Address, Secret);
}
