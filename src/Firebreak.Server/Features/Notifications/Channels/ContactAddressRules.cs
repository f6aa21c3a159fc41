using MimeKit;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>Checks a contact address before it is saved, so a typo is refused at once rather than at 3 a.m.</summary>
public static class ContactAddressRules
{
    public const int MinSecretLength = 16;
    public const int MaxAddressLength = 2000;

    /// <summary>What is wrong with the address, or null when it can be delivered to.</summary>
    public static string? Problem(ContactAddress contact)
    {
        var address = contact.Address?.Trim() ?? "";
        if (address.Length == 0)
        {
            return "an address is required";
        }

        if (address.Length > MaxAddressLength)
        {
            return $"the address is longer than {MaxAddressLength} characters";
        }

        var problem = contact.Kind switch
        {
            ContactKind.Email => EmailProblem(address),
            ContactKind.Webhook or ContactKind.Slack or ContactKind.Mattermost or ContactKind.Teams => UrlProblem(address),
            _ => $"unknown contact kind {contact.Kind}",
        };
        return problem ?? SecretProblem(contact);
    }

    private static string? EmailProblem(string address)
    {
        // A bare address only: a display name ("Ana <ana@example.com>") belongs to the person, not the contact.
        if (!MailboxAddress.TryParse(address, out var mailbox) || mailbox.Address != address || mailbox.Domain.Length == 0
            || mailbox.LocalPart.Length == 0)
        {
            return "not an email address (name@example.com)";
        }

        return null;
    }

    private static string? UrlProblem(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            && url.Host.Length > 0
            ? null
            : "not an absolute http or https URL";

    private static string? SecretProblem(ContactAddress contact)
    {
        if (string.IsNullOrEmpty(contact.Secret))
        {
            return null;
        }

        if (contact.Kind != ContactKind.Webhook)
        {
            return "only webhooks take a signing secret";
        }

        return contact.Secret.Length < MinSecretLength ? $"the signing secret must be at least {MinSecretLength} characters" : null;
    }
}
