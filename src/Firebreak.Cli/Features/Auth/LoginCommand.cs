using System.CommandLine;
using Firebreak.Cli.Api;
using Firebreak.Cli.Commands;
using Firebreak.Cli.Config;
using Spectre.Console;

namespace Firebreak.Cli.Features.Auth;

/// <summary>
/// <c>firebreak login</c>: trades a username and password for an API token (or checks a given token) and saves it
/// with the server URL in a file only its owner can read.
/// </summary>
internal sealed class LoginCommand : Command
{
    private const string DefaultUrl = "http://127.0.0.1:8080";
    private const int TokenNameMax = 100;

    private readonly CliEnvironment _env;
    private readonly Option<string?> _url = new("--url") { Description = $"Server URL. Default: FIREBREAK_URL, the saved login, then {DefaultUrl}." };
    private readonly Option<string?> _username = new("--username", "-u") { Description = "Sign in with this user's password; creates a token named after this machine." };
    private readonly Option<bool> _passwordStdin = new("--password-stdin") { Description = "Read the password from stdin instead of prompting." };
    private readonly Option<string?> _token = new("--token") { Description = "Save an existing API token (fbk_…) after checking it with the server." };

    public LoginCommand(CliEnvironment env)
        : base("login", "Sign in to a Firebreak server and save the URL and an API token for later commands.")
    {
        _env = env;
        Options.Add(_url);
        Options.Add(_username);
        Options.Add(_passwordStdin);
        Options.Add(_token);
        Validators.Add(result =>
        {
            var hasToken = result.GetResult(_token) is not null;
            if (hasToken && (result.GetResult(_username) is not null || result.GetResult(_passwordStdin) is not null))
            {
                result.AddError("Use either --token or --username/--password-stdin, not both.");
            }
            else if (result.GetResult(_passwordStdin) is not null && result.GetResult(_username) is null)
            {
                result.AddError("--password-stdin needs --username.");
            }
        });
        this.SetCliAction(env, RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var store = new ConfigStore(_env.ResolveConfigDirectory());
        var urlText = Connection.FirstSet(parse.GetValue(_url), _env.GetVariable(Connection.UrlVariable)) ?? await SavedUrlAsync(store, ct) ?? DefaultUrl;
        var url = Connection.ParseUrl(urlText);

        string secret;
        string who;
        if (parse.GetValue(_token) is { } given)
        {
            using var api = new ApiClient(_env, url, given.Trim()) { HintLogin = false };
            var me = (await api.GetAsync("api/v1/me", ct)).Read<MeModel>();
            (secret, who) = (given.Trim(), $"{me.Username} ({me.Role})");
        }
        else
        {
            var username = parse.GetValue(_username) ?? await PromptAsync("Username:", secret: false, ct);
            var password = parse.GetValue(_passwordStdin) ? await ReadStdinPasswordAsync(ct) : await PromptAsync("Password:", secret: true, ct);
            WarnIfPlainHttp(url);
            using var api = new ApiClient(_env, url, token: null) { HintLogin = false };
            var created = (await api.PostAsync("api/v1/auth/token", new { username, password, tokenName = TokenName() }, ct)).Read<CreatedTokenModel>();
            (secret, who) = (created.Secret, $"{created.Token.Owner} ({created.Token.Role}); token '{created.Token.Name}', id {created.Token.Prefix}");
        }

        await store.SaveAsync(new CliConfig(url.ToString(), secret), ct);
        await _env.Out.WriteLineAsync($"Logged in to {url} as {who}.".AsMemory(), ct);
        var privacy = OperatingSystem.IsWindows() ? "" : " (mode 0600: readable only by you)";
        await _env.Out.WriteLineAsync($"Saved to {store.Path}{privacy}.".AsMemory(), ct);
        return ExitCodes.Ok;
    }

    private static async Task<string?> SavedUrlAsync(ConfigStore store, CancellationToken ct)
    {
        try
        {
            return (await store.LoadAsync(ct))?.Url;
        }
        catch (CliException)
        {
            // A broken config file is what login is about to replace.
            return null;
        }
    }

    private async Task<string> ReadStdinPasswordAsync(CancellationToken ct)
    {
        // Like `docker login --password-stdin`: the whole input, minus the newline `echo` adds.
        var password = (await _env.In.ReadToEndAsync(ct)).TrimEnd('\r', '\n');
        return password.Length > 0 ? password : throw new CliException(ExitCodes.Usage, "--password-stdin: stdin was empty.");
    }

    private async Task<string> PromptAsync(string label, bool secret, CancellationToken ct)
    {
        if (!_env.CanPrompt)
        {
            throw new CliException(ExitCodes.Usage, "No terminal to ask for credentials.",
                ["Pass --username with --password-stdin, or --token."]);
        }

        // Prompts go to stderr so stdout stays clean for whoever captures it.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_env.Error), Interactive = InteractionSupport.Yes });
        var prompt = new TextPrompt<string>(label);

        // No mask characters either: they would show the password's length to anyone watching the screen.
        return await (secret ? prompt.Secret(null) : prompt).ShowAsync(console, ct);
    }

    private void WarnIfPlainHttp(Uri url)
    {
        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            _env.Error.WriteLine($"Warning: {url} is plain http; the password and token cross the network unencrypted.");
        }
    }

    private static string TokenName()
    {
        var name = $"CLI on {Environment.MachineName}";
        return name.Length <= TokenNameMax ? name : name[..TokenNameMax];
    }
}
