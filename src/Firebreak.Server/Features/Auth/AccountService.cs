using System.Security.Claims;
using System.Security.Cryptography;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Auth;

/// <param name="Warnings">What a change left for an admin to look at, e.g. schedules a disabled person is still on.</param>
public sealed record UserDto(
    long Id, string Username, string DisplayName, string? Email, string Role, bool Disabled, string? TimeZone, IReadOnlyList<string>? Warnings = null);

public sealed record CreateUserRequest(string? Username, string? DisplayName, string? Email, string? Role, string? Password);

/// <summary>Users, passwords and the first admin.</summary>
public sealed partial class AccountService(FirebreakDb db, AuditLog audit, TimeProvider clock, IEnumerable<IOnCallReferences> onCall, Passwords passwords)
{
    public const string StampClaim = "security_stamp";

    public const int MinPasswordLength = 12;

    /// <summary>Checks a password and records the attempt, successful or not, in the audit log (never the password).</summary>
    public async Task<User?> CheckPasswordAsync(string? username, string? password, string? sourceAddress, string channel, CancellationToken ct)
    {
        var name = username?.Trim() ?? "";
        if (name.Length > 64)
        {
            name = name[..64];
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == name, ct);
        var result = PasswordVerificationResult.Failed;
        if (user?.PasswordHash is null || user.Disabled)
        {
            passwords.VerifyAgainstNobody(password ?? "");
        }
        else
        {
            result = passwords.Verify(user, user.PasswordHash, password ?? "");
            if (result == PasswordVerificationResult.SuccessRehashNeeded)
            {
                user.PasswordHash = passwords.Hash(user, password!);
            }
        }

        var ok = result != PasswordVerificationResult.Failed;
        var actor = new Actor("user", ok ? user!.Id : null, name.Length == 0 ? "(empty)" : name, sourceAddress);
        audit.Record(actor, ok ? "auth.sign_in" : "auth.sign_in_failed", $"user/{name}", channel);
        await db.SaveChangesAsync(ct);
        return ok ? user : null;
    }

    public static ClaimsPrincipal Principal(User user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
            new("display_name", user.DisplayName),
            new(StampClaim, user.SecurityStamp),
        };
        claims.AddRange(user.Role.Implied().Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public async Task<IReadOnlyList<UserDto>> ListAsync(CancellationToken ct) =>
        await db.Users.AsNoTracking().OrderBy(u => u.Username)
            .Select(u => new UserDto(u.Id, u.Username, u.DisplayName, u.Email, u.Role == Role.Admin ? RoleNames.Admin : u.Role == Role.Responder ? RoleNames.Responder : RoleNames.Viewer, u.Disabled, u.TimeZone, null))
            .ToListAsync(ct);

    public async Task<Outcome<UserDto>> CreateAsync(Actor actor, CreateUserRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var username = request.Username?.Trim() ?? "";
        if (!IsValidUsername(username))
        {
            errors["username"] = ["Use 1–64 characters: letters, digits, '.', '-' or '_'."];
        }
        else if (await db.Users.AnyAsync(u => u.Username == username, ct))
        {
            errors["username"] = [$"User '{username}' already exists."];
        }

        var role = Role.Viewer;
        if (request.Role is not null && !RoleNames.TryParse(request.Role, out role))
        {
            errors["role"] = [$"Unknown role '{request.Role}'. Use viewer, responder or admin."];
        }

        if (request.Password is { } pw && pw.Length < MinPasswordLength)
        {
            errors["password"] = [$"Passwords need at least {MinPasswordLength} characters."];
        }

        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        var user = new User
        {
            Username = username,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? username : request.DisplayName.Trim(),
            Email = request.Email?.Trim(),
            Role = role,
            CreatedAt = clock.GetUtcNow(),
        };
        if (request.Password is not null)
        {
            user.PasswordHash = passwords.Hash(user, request.Password);
        }

        db.Users.Add(user);
        audit.Record(actor, "user.create", $"user/{username}", role.ToWire());
        await db.SaveChangesAsync(ct);
        return ToDto(user);
    }

    /// <summary>
    /// Creates the first admin when there are no users. The password comes from the environment or is generated and
    /// returned so the caller can print it once; it is never written to the log.
    /// </summary>
    public async Task<string?> EnsureFirstAdminAsync(string username, string? password, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return null;
        }

        var generated = password is null;
        password ??= GeneratePassword();
        var user = new User { Username = username, DisplayName = "Administrator", Role = Role.Admin, CreatedAt = clock.GetUtcNow() };
        user.PasswordHash = passwords.Hash(user, password);
        db.Users.Add(user);
        audit.Record(Actor.System, "user.create", $"user/{username}", "first admin");
        await db.SaveChangesAsync(ct);
        return generated ? password : "(from FIREBREAK_ADMIN_PASSWORD)";
    }

    /// <summary>20 characters from an alphabet without look-alikes (0/O, 1/l/I): about 117 bits, easy to read out.</summary>
    private static string GeneratePassword() => RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 20);

    private static UserDto ToDto(User u, IReadOnlyList<string>? warnings = null) =>
        new(u.Id, u.Username, u.DisplayName, u.Email, u.Role.ToWire(), u.Disabled, u.TimeZone, warnings);

    private static bool IsValidUsername(string s) =>
        s.Length is > 0 and <= 64 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
