using System.Security.Cryptography;
using System.Text;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Auth;

public sealed record TokenDto(long Id, string Name, string Prefix, string Role, string Owner, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed record CreatedToken(TokenDto Token, string Secret);

public sealed record CreateTokenRequest(string? Name, string? Role = null);

/// <summary>Issues, checks and revokes API tokens. The secret is shown once and only its SHA-256 is kept.</summary>
public sealed class ApiTokenService(FirebreakDb db, AuditLog audit, TimeProvider clock)
{
    private const int PrefixChars = 8;
    private const int SecretChars = 32;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly TimeSpan s_lastUsedGranularity = TimeSpan.FromMinutes(1);

    public async Task<Outcome<CreatedToken>> CreateAsync(Actor actor, long userId, CreateTokenRequest request, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return Failure.NotFound($"No user {userId}.");
        }

        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            return Failure.Invalid("name", "Give the token a name of 1–100 characters, e.g. 'laptop CLI'.");
        }

        var role = user.Role;
        if (request.Role is not null)
        {
            if (!RoleNames.TryParse(request.Role, out role))
            {
                return Failure.Invalid("role", $"Unknown role '{request.Role}'. Use viewer, responder or admin.");
            }

            if (role > user.Role)
            {
                return Failure.Invalid("role", $"A token cannot have more rights than its owner ({user.Role.ToWire()}).");
            }
        }

        var prefix = ApiTokenDefaults.TokenPrefix + RandomNumberGenerator.GetString(Alphabet, PrefixChars);
        var secret = prefix + "_" + RandomNumberGenerator.GetString(Alphabet, SecretChars);
        var token = new ApiToken
        {
            UserId = user.Id,
            Name = name,
            Prefix = prefix,
            SecretHash = Hash(secret),
            Role = role,
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiTokens.Add(token);
        audit.Record(actor, "token.create", $"token/{prefix}", $"{name} ({role.ToWire()}) for {user.Username}");
        await db.SaveChangesAsync(ct);
        return new CreatedToken(ToDto(token, user), secret);
    }

    /// <summary>
    /// What a token may do on this request: the lesser of the role it was made with and its owner's role now, read
    /// fresh on every request, so demoting someone demotes their tokens at once and promoting them promotes none.
    /// </summary>
    public static Role EffectiveRole(ApiToken token, User owner) => token.Role < owner.Role ? token.Role : owner.Role;

    public async Task<(ApiToken Token, User User)?> ValidateAsync(string presented, CancellationToken ct)
    {
        var cut = presented.LastIndexOf('_');
        if (!presented.StartsWith(ApiTokenDefaults.TokenPrefix, StringComparison.Ordinal) || cut <= ApiTokenDefaults.TokenPrefix.Length)
        {
            return null;
        }

        var prefix = presented[..cut];
        var token = await db.ApiTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.Prefix == prefix, ct);
        if (token?.User is null || token.RevokedAt is not null || token.User.Disabled
            || !CryptographicOperations.FixedTimeEquals(token.SecretHash, Hash(presented)))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt > s_lastUsedGranularity)
        {
            // Coarse on purpose: a write per request would turn every read into a write.
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }

        return (token, token.User);
    }

    public async Task<IReadOnlyList<TokenDto>> ListAsync(long? userId, CancellationToken ct)
    {
        var query = db.ApiTokens.AsNoTracking().Include(t => t.User).AsQueryable();
        if (userId is { } uid)
        {
            query = query.Where(t => t.UserId == uid);
        }

        var rows = await query.OrderByDescending(t => t.Id).ToListAsync(ct);
        return [.. rows.Select(t => ToDto(t, t.User!))];
    }

    /// <summary>Revokes a token; only its owner or an admin may.</summary>
    public async Task<Outcome<TokenDto>> RevokeAsync(Actor actor, long tokenId, bool isAdmin, CancellationToken ct)
    {
        var token = await db.ApiTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null || (!isAdmin && token.UserId != actor.UserId))
        {
            return Failure.NotFound($"No token {tokenId} of yours.");
        }

        if (token.RevokedAt is not null)
        {
            return Failure.Conflict($"Token '{token.Name}' was already revoked.");
        }

        token.RevokedAt = clock.GetUtcNow();
        audit.Record(actor, "token.revoke", $"token/{token.Prefix}", token.Name);
        await db.SaveChangesAsync(ct);
        return ToDto(token, token.User!);
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static TokenDto ToDto(ApiToken t, User owner) =>
        new(t.Id, t.Name, t.Prefix, EffectiveRole(t, owner).ToWire(), owner.Username, t.CreatedAt, t.LastUsedAt, t.RevokedAt);
}
