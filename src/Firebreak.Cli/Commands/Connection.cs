using System.CommandLine;
using Firebreak.Cli.Api;
using Firebreak.Cli.Config;

namespace Firebreak.Cli.Commands;

/// <summary>Which server and token a command uses: options, then environment, then the saved login.</summary>
internal static class Connection
{
    public const string UrlVariable = "FIREBREAK_URL";
    public const string TokenVariable = "FIREBREAK_TOKEN";

    public static async Task<ApiClient> OpenAsync(CliEnvironment env, ParseResult parse, ConnectionOptions options, CancellationToken ct)
    {
        var urlText = FirstSet(parse.GetValue(options.Url), env.GetVariable(UrlVariable));
        var token = FirstSet(parse.GetValue(options.Token), env.GetVariable(TokenVariable));

        // Only read the saved login when something is missing, so a broken file cannot block explicit settings.
        var saved = urlText is null || token is null ? await new ConfigStore(env.ResolveConfigDirectory()).LoadAsync(ct) : null;
        urlText ??= saved?.Url ?? throw new CliException(ExitCodes.Auth, "Not logged in: no server URL.",
            [$"Run 'firebreak login --url URL', or set {UrlVariable} and {TokenVariable}."]);
        var url = ParseUrl(urlText);

        // The saved token belongs to the saved server. Sending it to a URL given on the command line or in the
        // environment would hand a credential to whatever listens there.
        token ??= saved is not null && TryParseUrl(saved.Url) == url
            ? saved.Token
            : throw new CliException(ExitCodes.Auth, $"No API token for {url}.",
                [$"Run 'firebreak login --url {url}', or pass --token / set {TokenVariable}."]);
        return new ApiClient(env, url, token);
    }

    /// <summary>An absolute http(s) URL ending in a slash, so API paths append to a base path behind a proxy.</summary>
    public static Uri ParseUrl(string text) =>
        TryParseUrl(text) ?? throw new CliException(ExitCodes.Usage, $"'{text}' is not an http(s) URL, e.g. http://127.0.0.1:8080.");

    private static Uri? TryParseUrl(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;
    }

    public static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
