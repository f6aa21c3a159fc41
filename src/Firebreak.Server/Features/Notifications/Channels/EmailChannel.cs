using MimeKit;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>Delivers notifications by email through the SMTP server in <see cref="SmtpSettings"/>.</summary>
public sealed class EmailChannel(SmtpSettings settings, SmtpSender smtp) : INotificationChannel
{
    public ContactKind Kind => ContactKind.Email;

    public async Task<DeliveryOutcome> SendAsync(ContactAddress to, NotificationMessage message, CancellationToken ct)
    {
        if (!settings.IsConfigured || settings.Host is null)
        {
            return DeliveryOutcome.Failed("SMTP is not configured", permanent: true);
        }

        if (!MailboxAddress.TryParse(settings.From, out var from))
        {
            return DeliveryOutcome.Failed($"{SmtpSettings.Section}:From is not an email address", permanent: true);
        }

        if (!MailboxAddress.TryParse(to.Address, out var recipient))
        {
            return DeliveryOutcome.Failed("not an email address", permanent: true);
        }

        using var email = NotificationEmail.Compose(from, recipient, message);
        return await smtp.SendAsync(email, ct);
    }
}
