using System.Net.Mail;
using System.Security.Cryptography;

namespace Firebreak.Server.Features.StatusPage.Subscribers;

/// <summary>What a subscription may be, and the bounds on what it costs the server and the subscriber.</summary>
public static class SubscriberRules
{
    public const int MaxEmailLength = 254;

    /// <summary>A pending address gets its confirmation again no sooner than this, however often the form is sent.</summary>
    public static readonly TimeSpan ConfirmationResendAfter = TimeSpan.FromMinutes(15);

    /// <summary>
    /// At most one notice per subscriber in this time: changes within it are told together in the next one, so a
    /// flapping component cannot flood an inbox, while the first change of a quiet spell goes out at once.
    /// </summary>
    public static readonly TimeSpan MinNoticeInterval = TimeSpan.FromMinutes(5);

    public const int MaxAttempts = 8;

    /// <summary>A bare address (no display name), lower-cased so one inbox is one subscriber; null if it is not one.</summary>
    public static string? NormalizeEmail(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        return trimmed.Length is > 0 and <= MaxEmailLength && MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed && address.DisplayName.Length == 0
            ? trimmed.ToLowerInvariant()
            : null;
    }

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>1 min, 2, 4 … capped at an hour, for SMTP that did not answer.</summary>
    public static TimeSpan RetryAfter(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(attempts - 1, 6))));
}
