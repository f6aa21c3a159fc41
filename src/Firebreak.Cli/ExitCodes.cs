namespace Firebreak.Cli;

/// <summary>What scripts can rely on; documented in the README and kept stable.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server answered and refused: validation, not found, conflict.</summary>
    public const int Refused = 1;

    /// <summary>The command line itself is wrong; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>Not logged in, or the token is unknown or lacks the role (401/403).</summary>
    public const int Auth = 3;

    /// <summary>The server cannot be reached, timed out, or failed (5xx).</summary>
    public const int Unavailable = 4;
}
