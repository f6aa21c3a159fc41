namespace Firebreak.Server.Features.Auth;

/// <summary>What a person may do. Each role includes the ones before it.</summary>
public enum Role
{
    Viewer,
    Responder,
    Admin,
}

public static class RoleNames
{
    public const string Viewer = "viewer";
    public const string Responder = "responder";
    public const string Admin = "admin";

    public static string ToWire(this Role role) => role switch
    {
        Role.Viewer => Viewer,
        Role.Responder => Responder,
        _ => Admin,
    };

    public static bool TryParse(string? text, out Role role)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "VIEWER": role = Role.Viewer; return true;
            case "RESPONDER": role = Role.Responder; return true;
            case "ADMIN": role = Role.Admin; return true;
            default: role = default; return false;
        }
    }

    /// <summary>Role claims a principal carries: a role implies every lesser role, so policies check one name.</summary>
    public static IEnumerable<string> Implied(this Role role) =>
        Enum.GetValues<Role>().Where(r => r <= role).Select(r => r.ToWire());
}
