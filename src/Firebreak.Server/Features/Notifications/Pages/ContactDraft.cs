using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Features.Notifications.Channels;

namespace Firebreak.Server.Features.Notifications.Pages;

/// <summary>The "add a contact method" form while it is being filled in.</summary>
public sealed class ContactDraft
{
    public static readonly IReadOnlyList<string> Kinds = [.. Enum.GetNames<ContactKind>().Select(n => n.ToLowerInvariant())];

    public string Kind { get; set; } = "email";

    public string Label { get; set; } = "";

    public string Address { get; set; } = "";

    public string Secret { get; set; } = "";

    public bool TakesSecret => Kind == "webhook";

    public string AddressLabel => Kind == "email" ? "Email address" : "URL";

    public string AddressPlaceholder => Kind switch
    {
        "email" => "you@example.com",
        "webhook" => "https://example.com/firebreak-pages",
        _ => "https://hooks.example.com/…",
    };

    // Only webhooks sign; a secret typed before switching kind must not be sent along and refused.
    public ContactMethodRequest ToRequest() =>
        new(Kind, Label, Address, TakesSecret && Secret.Length > 0 ? Secret : null);
}
