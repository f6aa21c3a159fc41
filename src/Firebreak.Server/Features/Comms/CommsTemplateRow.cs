namespace Firebreak.Server.Features.Comms;

/// <summary>
/// A template override from config (<c>comms_templates:</c>): for one kind of message, optionally only for one severity
/// and/or one service. Empty <see cref="Severity"/> or <see cref="Service"/> means any (not null: a unique index treats
/// nulls as distinct on both providers).
/// </summary>
public sealed class CommsTemplateRow
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    public string Severity { get; set; } = "";

    public string Service { get; set; } = "";

    /// <summary>Null keeps the default subject for the kind.</summary>
    public string? Subject { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>How config names it: <c>update</c>, <c>update/SEV-1</c>, <c>update/*/checkout</c>.</summary>
    public static string Name(string kind, string severity, string service) =>
        service.Length > 0 ? $"{kind}/{(severity.Length > 0 ? severity : "*")}/{service}" : severity.Length > 0 ? $"{kind}/{severity}" : kind;
}
