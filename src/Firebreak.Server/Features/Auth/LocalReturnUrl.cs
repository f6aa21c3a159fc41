namespace Firebreak.Server.Features.Auth;

/// <summary>
/// Where a browser may be sent after signing in: only a path on this server. An open redirect after sign-in is a
/// phishing aid, and browsers are generous readers of URLs: Chromium drops tabs and newlines and reads '\' as '/', so
/// "/\t/evil.example" and "/\evil.example" both leave the site. Anything doubtful goes home instead.
/// </summary>
public static class LocalReturnUrl
{
    public const string Home = "/";
    private const int MaxLength = 2048;

    /// <summary><paramref name="returnUrl"/> when it is a plain local path, else null.</summary>
    public static string? OrNull(string? returnUrl) => IsLocal(returnUrl) ? returnUrl : null;

    /// <summary><paramref name="returnUrl"/> when it is a plain local path, else <see cref="Home"/>.</summary>
    public static string OrHome(string? returnUrl) => OrNull(returnUrl) ?? Home;

    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || !Plain(url))
        {
            return false;
        }

        // A path that decodes to something foreign is refused too: a proxy or a later redirect may decode it once more.
        var decoded = url;
        for (var i = 0; i < 3; i++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                return true;
            }

            if (!SafeStart(next) || next.Any(char.IsControl) || next.Contains('\\', StringComparison.Ordinal))
            {
                return false;
            }

            decoded = next;
        }

        return false;
    }

    private static bool Plain(string url) =>
        SafeStart(url) && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\');

    // One leading slash and then not another slash or backslash: "//host" and "/\host" are other sites.
    private static bool SafeStart(string url) => url.Length >= 1 && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\'));
}
