using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.OnCall;

/// <summary>
/// Secret calendar feed URLs. Calendar apps cannot sign in, so the token in the URL is the credential: the id of the
/// person it was given to and an HMAC of that id and what the feed shows, under one random instance secret. No token
/// is stored; a URL works only while the person it was given to may still have it (enabled, and a responder or admin
/// for a schedule's feed), so disabling someone ends the URLs they took; rotating the secret (deleting the setting)
/// revokes every URL at once.
/// </summary>
public sealed class FeedTokens(FirebreakDb db)
{
    public const string SecretSettingKey = "oncall.feed-secret";

    public static string ScheduleSubject(string key) => $"schedule:{key}";

    public static string UserSubject(string username) => $"user:{username}";

    public static string SchedulePath(string key, string token) => $"/calendars/schedules/{Uri.EscapeDataString(key)}/{token}.ics";

    public static string UserPath(string username, string token) => $"/calendars/users/{Uri.EscapeDataString(username)}/{token}.ics";

    /// <summary>The token for <paramref name="subject"/> given to user <paramref name="holderId"/>.</summary>
    public async Task<string> TokenForAsync(string subject, long holderId, CancellationToken ct) =>
        $"{holderId.ToString(CultureInfo.InvariantCulture)}-{Mac(await SecretAsync(ct), subject, holderId)}";

    /// <summary>
    /// The id of the user the token was given to, or null when it is not a token for <paramref name="subject"/>. The caller
    /// still checks that this user may have the feed now. Compares in constant time, so response timing does not reveal
    /// how much of a guessed token was right.
    /// </summary>
    public async Task<long?> VerifyAsync(string subject, string? token, CancellationToken ct)
    {
        var dash = token?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (dash <= 0 || !long.TryParse(token.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var holderId))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Mac(await SecretAsync(ct), subject, holderId));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(token![(dash + 1)..])) ? holderId : null;
    }

    private static string Mac(byte[] secret, string subject, long holderId) =>
        Base64Url(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{subject}\n{holderId.ToString(CultureInfo.InvariantCulture)}")));

    /// <summary>The instance's feed secret, created on first use. Two nodes creating it at once: the loser reads the winner's.</summary>
    private async Task<byte[]> SecretAsync(CancellationToken ct)
    {
        if (await ReadAsync(ct) is { } existing)
        {
            return existing;
        }

        var created = new Setting { Key = SecretSettingKey, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        db.Settings.Add(created);
        try
        {
            await db.SaveChangesAsync(ct);
            return Convert.FromBase64String(created.Value);
        }
        catch (DbUpdateException)
        {
            db.Entry(created).State = EntityState.Detached;
            return await ReadAsync(ct) ?? throw new InvalidOperationException("The calendar feed secret could not be created.");
        }
    }

    private async Task<byte[]?> ReadAsync(CancellationToken ct) =>
        await db.Settings.AsNoTracking().Where(s => s.Key == SecretSettingKey).Select(s => s.Value).FirstOrDefaultAsync(ct) is { } value
            ? Convert.FromBase64String(value)
            : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
