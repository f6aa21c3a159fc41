using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Firebreak.Server.Features.Comms.Stakeholders;

/// <summary>
/// Puts one stakeholder message on its way: an email through the server's SMTP, a chat or webhook post through the
/// notification channels' HTTP client (which keeps to the outbound hosts allowed), or a person's notification rules as
/// a reminder. Never as a page: no acknowledge link, no escalation.
/// </summary>
public sealed class StakeholderDelivery(SmtpSender smtp, HttpDelivery http, PublicLinks links, TimeProvider clock)
{
    public Task<DeliveryOutcome> SendAsync(FirebreakDb db, Stakeholder to, StakeholderSend send, Incident incident, DateTimeOffset now, CancellationToken ct) =>
        to.Target switch
        {
            StakeholderTargets.Email => EmailAsync(to, send, ct),
            StakeholderTargets.User => UserAsync(db, to, send, now, ct),
            StakeholderTargets.Webhook => WebhookAsync(to, send, incident, ct),
            _ => ChatAsync(to, send, ct),
        };

    private async Task<DeliveryOutcome> EmailAsync(Stakeholder to, StakeholderSend send, CancellationToken ct)
    {
        if (smtp.From is not { } from)
        {
            return DeliveryOutcome.Failed("SMTP is not configured", permanent: true);
        }

        if (!MailboxAddress.TryParse(to.Address, out var address))
        {
            return DeliveryOutcome.Failed($"'{to.Address}' is not an email address", permanent: true);
        }

        var body = new BodyBuilder { TextBody = send.Text, HtmlBody = send.Html };
        using var email = new MimeMessage([from], [address], send.Subject, body.ToMessageBody());
        // The same id on every attempt, so a mail server or reader can drop a repeat.
        email.MessageId = $"{send.Id:N}@stakeholders.firebreak";
        return await smtp.SendAsync(email, ct);
    }

    private static async Task<DeliveryOutcome> UserAsync(FirebreakDb db, Stakeholder to, StakeholderSend send, DateTimeOffset now, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Username == to.Address).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
        var cause = $"comms-stakeholder:{send.Id:N}";
        if (user is not { } userId)
        {
            return DeliveryOutcome.Failed($"user '{to.Address}' does not exist", permanent: true);
        }

        // Already in the delivery log means an earlier attempt queued it and its commit was the one that failed.
        return await Reminders.SendOnceAsync(db, userId, cause, $"{send.Subject}\n\n{send.Text}", now, ct)
            || await db.NotificationDeliveries.AnyAsync(d => d.UserId == userId && d.Cause == cause, ct)
            ? DeliveryOutcome.Ok
            : DeliveryOutcome.Failed($"user '{to.Address}' has no way to be reached (no contact methods)", permanent: true);
    }

    private Task<DeliveryOutcome> ChatAsync(Stakeholder to, StakeholderSend send, CancellationToken ct)
    {
        if (!Uri.TryCreate(to.Address, UriKind.Absolute, out var url))
        {
            return Task.FromResult(DeliveryOutcome.Failed("not an absolute URL", permanent: true));
        }

        var (body, errors) = to.Target switch
        {
            StakeholderTargets.Teams => (TeamsBody(send), (ReceiverError?)null),
            StakeholderTargets.Mattermost => (ChatBody(send, ChatMarkup.Mattermost), ReceiverErrors.Slack),
            _ => (ChatBody(send, ChatMarkup.Slack), ReceiverErrors.Slack),
        };
        return http.PostJsonAsync(url, body, null, errors, ct);
    }

    private Task<DeliveryOutcome> WebhookAsync(Stakeholder to, StakeholderSend send, Incident incident, CancellationToken ct)
    {
        if (!Uri.TryCreate(to.Address, UriKind.Absolute, out var url))
        {
            return Task.FromResult(DeliveryOutcome.Failed("not an absolute URL", permanent: true));
        }

        string? secret = null;
        if (to.SecretEnv is { } env && string.IsNullOrEmpty(secret = Environment.GetEnvironmentVariable(env)))
        {
            return Task.FromResult(DeliveryOutcome.Failed($"the signing secret variable {env} is not set on this server", permanent: true));
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["type"] = "stakeholder_message",
            ["id"] = send.Id.ToString("N"),
            ["event"] = send.Kind,
            ["stakeholder"] = to.Key,
            ["incident"] = new JsonObject
            {
                ["ref"] = $"INC-{incident.Number.ToString(CultureInfo.InvariantCulture)}",
                ["number"] = incident.Number,
                ["url"] = links.Incident(incident.Number).AbsoluteUri,
            },
            ["subject"] = send.Subject,
            ["text"] = send.Text,
            ["at"] = send.CreatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        });
        // The send time, not the message's: a retry later must still pass a receiver's freshness check.
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var headers = new List<KeyValuePair<string, string>>
        {
            new(WebhookSignature.IdempotencyHeader, send.Id.ToString("N")),
            new(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture)),
        };
        if (secret is not null)
        {
            headers.Add(new(WebhookSignature.Header, WebhookSignature.Compute(secret, timestamp, body)));
        }

        return http.PostJsonAsync(url, body, headers, null, ct);
    }

    private static byte[] ChatBody(StakeholderSend send, ChatMarkup markup) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["text"] = $"{markup.Bold(markup.Escape(send.Subject))}\n{markup.Escape(send.Text)}" });

    private static byte[] TeamsBody(StakeholderSend send)
    {
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["text"] = send.Subject, ["weight"] = "Bolder", ["size"] = "Large", ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = send.Text, ["wrap"] = true }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = TeamsPayload.CardContentType, ["content"] = card }),
        });
    }
}
