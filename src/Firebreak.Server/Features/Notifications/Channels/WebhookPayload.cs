using System.Text.Json;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>The JSON a generic webhook receives (snake_case); documented in docs/notifications.md.</summary>
public sealed record WebhookPayload(string IdempotencyKey, string Recipient, DateTimeOffset At, bool Test, string? Note, IReadOnlyList<WebhookIncident> Incidents)
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static WebhookPayload From(NotificationMessage message) => new(
        message.IdempotencyKey,
        message.Recipient,
        message.At,
        message.IsTest,
        NotificationText.Note(message),
        [.. message.Incidents.Select(i => new WebhookIncident(
            i.Reference, i.Title, i.Severity, i.Service, i.Status, i.Reason, i.AlsoPaged, i.IncidentUrl.AbsoluteUri, i.AcknowledgeUrl.AbsoluteUri))]);

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, s_json);
}

public sealed record WebhookIncident(
    string Reference,
    string Title,
    string Severity,
    string? Service,
    string Status,
    string Reason,
    IReadOnlyList<string> AlsoPaged,
    string IncidentUrl,
    string AcknowledgeUrl);
