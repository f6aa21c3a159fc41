using System.Security.Cryptography;
using System.Text;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.OnCall;

/// <summary>
/// Secret calendar feed URLs. Calendar apps cannot sign in, so the token in the URL is the credential: an HMAC of
/// what the feed shows under one random instance secret, so no token is stored, a schedule's URL is the same for
/// everyone allowed to see it, and rotating the secret (deleting the setting) revokes every URL at once.
/// </summary>
public sealed class FeedTokens(FirebreakDb db)
{
    public const string SecretSettingKey = "oncall.feed-secret";

    public static string ScheduleSubject(string key) => $"schedule:{key}";

    public static string UserSubject(string username) => $"user:{username}";

    public static string SchedulePath(string key, string token) => $"/calendars/schedules/{Uri.EscapeDataString(key)}/{token}.ics";

    public static string UserPath(string username, string token) => $"/calendars/users/{Uri.EscapeDataString(username)}/{token}.ics";

    public async Task<string> TokenForAsync(string subject, CancellationToken ct) => Token(await SecretAsync(ct), subject);

    /// <summary>Compares in constant time, so response timing does not reveal how much of a guessed token was right.</summary>
    public async Task<bool> VerifyAsync(string subject, string? token, CancellationToken ct) =>
        token is { Length: > 0 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Token(await SecretAsync(ct), subject)), Encoding.ASCII.GetBytes(token));

    private static string Token(byte[] secret, string subject) =>
        Base64Url(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(subject)));

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
