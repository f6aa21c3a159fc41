using System.Security.Cryptography;
using System.Text;
using Firebreak.Server.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Notifications;

/// <summary>A signed acknowledge link: who may acknowledge which incident, until when.</summary>
public sealed record AckGrant(long IncidentId, long UserId, DateTimeOffset Expires);

/// <summary>
/// Absolute links for messages that leave the server, and acknowledge tokens that need no sign-in. Links use
/// <c>Firebreak:PublicUrl</c> when set (behind a proxy it must be), else the address this node listens on. Tokens are
/// HMAC-signed with an instance _secret kept in the database, so every node accepts every node's links.
/// </summary>
public sealed class PublicLinks(IConfiguration config, IServer server, IServiceScopeFactory scopes)
{
    private const string SecretSetting = "ack_link_secret";
    private static readonly TimeSpan s_lifetime = TimeSpan.FromDays(7);
    private byte[]? _secret;

    public Uri Base
    {
        get
        {
            var configured = config["Firebreak:PublicUrl"];
            var url = !string.IsNullOrWhiteSpace(configured)
                ? configured
                : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:8080";
            return new Uri(url.TrimEnd('/') + "/");
        }
    }

    public Uri Incident(int number) => new(Base, $"incidents/{number}");

    public async Task<Uri> AcknowledgeAsync(long incidentId, long userId, DateTimeOffset now, CancellationToken ct)
    {
        var payload = $"{incidentId}.{userId}.{(now + s_lifetime).ToUnixTimeSeconds()}";
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(await SecretAsync(ct), Encoding.UTF8.GetBytes(payload)));
        return new Uri(Base, $"ack/{WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payload))}.{mac}");
    }

    /// <summary>The grant a token carries, or null when it is forged, malformed or expired.</summary>
    public async Task<AckGrant?> ReadAckTokenAsync(string token, DateTimeOffset now, CancellationToken ct)
    {
        var dot = token.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        string payload;
        try
        {
            payload = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token[..dot]));
        }
        catch (FormatException)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(await SecretAsync(ct), Encoding.UTF8.GetBytes(payload));
        byte[] given;
        try
        {
            given = Convert.FromHexString(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return null;
        }

        var parts = payload.Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[0], out var incident) || !long.TryParse(parts[1], out var user) || !long.TryParse(parts[2], out var expires))
        {
            return null;
        }

        var grant = new AckGrant(incident, user, DateTimeOffset.FromUnixTimeSeconds(expires));
        return grant.Expires < now ? null : grant;
    }

    private async Task<byte[]> SecretAsync(CancellationToken ct)
    {
        if (_secret is not null)
        {
            return _secret;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
        var row = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == SecretSetting, ct);
        if (row is null)
        {
            db.Settings.Add(new Setting { Key = SecretSetting, Value = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // Another node created it first; use theirs.
            }

            db.ChangeTracker.Clear();
            row = await db.Settings.AsNoTracking().FirstAsync(s => s.Key == SecretSetting, ct);
        }

        return _secret = Convert.FromHexString(row.Value);
    }
}
