using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>Composes the email for a notification: plain text first, with a simple HTML alternative.</summary>
public static class NotificationEmail
{
    public static MimeMessage Compose(MailboxAddress from, MailboxAddress to, NotificationMessage message)
    {
        var email = new MimeMessage
        {
            Subject = NotificationText.Subject(message),
            Date = message.At,
            MessageId = MessageIdFor(message.IdempotencyKey, from.Domain),
        };
        email.From.Add(from);
        email.To.Add(to);
        // Out-of-office replies to a page help no one and could loop back into an intake address.
        email.Headers.Add("Auto-Submitted", "auto-generated");
        email.Headers.Add("X-Firebreak-Idempotency-Key", message.IdempotencyKey);
        email.Body = new BodyBuilder { TextBody = PlainText(message), HtmlBody = Html(message) }.ToMessageBody();
        return email;
    }

    /// <summary>
    /// The same idempotency key always yields the same Message-Id, so a mail system that already holds it (a retry
    /// after a lost reply) can drop the repeat. Keys with characters a Message-Id may not hold are hashed.
    /// </summary>
    public static string MessageIdFor(string idempotencyKey, string? domain)
    {
        var local = idempotencyKey.Length is > 0 and <= 128 && idempotencyKey.All(IsSafe)
            ? idempotencyKey
            : "k" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..40];
        return $"{local}@{(string.IsNullOrWhiteSpace(domain) ? "firebreak.invalid" : domain)}";
    }

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+' or '=';

    public static string PlainText(NotificationMessage message)
    {
        var text = new StringBuilder();
        if (NotificationText.Note(message) is { } note)
        {
            text.AppendLine(note).AppendLine();
        }

        if (NotificationText.BundleHeading(message) is { } heading)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{heading}.").AppendLine();
        }

        foreach (var incident in message.Incidents)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{incident.Reference} {incident.Title}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  Severity:    {incident.Severity}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  Service:     {NotificationText.Service(incident)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  Status:      {incident.Status}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  Why you:     {incident.Reason}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  Also paged:  {NotificationText.AlsoPaged(incident)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  Acknowledge: {incident.AcknowledgeUrl}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  Open:        {incident.IncidentUrl}");
            text.AppendLine();
        }

        text.AppendLine("-- ").AppendLine(CultureInfo.InvariantCulture, $"Sent by Firebreak to {message.Recipient}.");
        return text.ToString();
    }

    public static string Html(NotificationMessage message)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        if (NotificationText.Note(message) is { } note)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><em>{E(note)}</em></p>");
        }

        if (NotificationText.BundleHeading(message) is { } heading)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{E(heading)}</h2>");
        }

        foreach (var incident in message.Incidents)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(incident.Reference)} {E(incident.Title)}</h3><table>");
            Row(html, "Severity", incident.Severity);
            Row(html, "Service", NotificationText.Service(incident));
            Row(html, "Status", incident.Status);
            Row(html, "Why you", incident.Reason);
            Row(html, "Also paged", NotificationText.AlsoPaged(incident));
            html.Append(CultureInfo.InvariantCulture,
                $"</table><p><a href=\"{E(incident.AcknowledgeUrl.AbsoluteUri)}\"><strong>Acknowledge</strong></a> &middot; <a href=\"{E(incident.IncidentUrl.AbsoluteUri)}\">Open incident</a></p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p style=\"color:#666\">Sent by Firebreak to {E(message.Recipient)}.</p></body></html>");
        return html.ToString();

        static void Row(StringBuilder html, string name, string value) =>
            html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">{WebUtility.HtmlEncode(name)}</th><td>{WebUtility.HtmlEncode(value)}</td></tr>");
    }
}
