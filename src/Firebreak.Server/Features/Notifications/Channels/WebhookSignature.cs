using System.Security.Cryptography;
using System.Text;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>
/// <c>X-Firebreak-Signature: sha256=&lt;hex HMAC-SHA256 of "{timestamp}.{body}"&gt;</c>. The timestamp is inside the
/// signed bytes so a receiver that rejects old timestamps also rejects a captured request replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Firebreak-Signature";
    public const string TimestampHeader = "X-Firebreak-Timestamp";
    public const string IdempotencyHeader = "Idempotency-Key";

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
