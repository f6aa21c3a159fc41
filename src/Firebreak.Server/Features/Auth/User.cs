using System.Security.Cryptography;

namespace Firebreak.Server.Features.Auth;

public sealed class User
{
    public long Id { get; set; }
    public required string Username { get; set; }
    public required string DisplayName { get; set; }
    public string? Email { get; set; }
    public Role Role { get; set; }
    public string? PasswordHash { get; set; }
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The person's IANA time zone (e.g. Europe/Berlin), when they or an admin set one.</summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// Carried in every sign-in cookie and compared on each request: changing it (sign-out, password change or reset,
    /// role change, disabling) ends every session of this user at once, on every node.
    /// </summary>
    public string SecurityStamp { get; set; } = NewStamp();

    public void RotateSecurityStamp() => SecurityStamp = NewStamp();

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
