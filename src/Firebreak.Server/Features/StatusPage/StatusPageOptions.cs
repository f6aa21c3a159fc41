namespace Firebreak.Server.Features.StatusPage;

/// <summary>
/// How the public page presents itself: <c>Firebreak:StatusPage:Name</c>, <c>:LogoUrl</c>, <c>:HomeUrl</c> (a link back to
/// the product) and <c>:RefreshSeconds</c> (how stale another node's changes may be on this node's page, default 5).
/// </summary>
public sealed record StatusPageOptions(string Name, Uri? LogoUrl, Uri? HomeUrl, TimeSpan Refresh)
{
    public const string Section = "Firebreak:StatusPage";

    public static StatusPageOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var text = section["RefreshSeconds"];
        var seconds = 5;
        if (text is not null && (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seconds) || seconds is < 1 or > 3600))
        {
            throw new InvalidOperationException($"{Section}:RefreshSeconds must be a whole number of seconds from 1 to 3600, not '{text}'.");
        }

        return new StatusPageOptions(section["Name"] is { Length: > 0 } name ? name : "Status", Link(section, "LogoUrl"), Link(section, "HomeUrl"), TimeSpan.FromSeconds(seconds));
    }

    // Only web addresses: the page is public, and a javascript: link in it would run in every reader's browser.
    private static Uri? Link(IConfigurationSection section, string key) => section[key] switch
    {
        null or "" => null,
        var text when Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) => uri,
        var text => throw new InvalidOperationException($"{Section}:{key} must be an http(s) address, not '{text}'."),
    };
}
