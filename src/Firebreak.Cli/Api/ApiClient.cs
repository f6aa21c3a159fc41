using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Firebreak.Cli.Api;

/// <summary>
/// Talks to one Firebreak server and turns every way a request can fail into a <see cref="CliException"/> with the
/// exit code scripts rely on.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private static readonly string s_version =
        typeof(ApiClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    private readonly HttpClient _http;

    public ApiClient(CliEnvironment env, Uri baseUrl, string? token)
    {
        BaseUrl = baseUrl;
        _http = env.Handler is null ? new HttpClient() : new HttpClient(env.Handler, disposeHandler: false);
        _http.BaseAddress = baseUrl;
        _http.Timeout = env.Timeout;
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("firebreak-cli", s_version));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Uri BaseUrl { get; }

    /// <summary>Set by login: a 401 there means a wrong password, and "run firebreak login" would be no help.</summary>
    public bool HintLogin { get; init; } = true;

    public Task<ApiResponse> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<ApiResponse> PostAsync(string path, object? body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, ct);

    public Task<ApiResponse> PutAsync(string path, object? body, CancellationToken ct) => SendAsync(HttpMethod.Put, path, body, ct);

    public Task<ApiResponse> PatchAsync(string path, object? body, CancellationToken ct) => SendAsync(HttpMethod.Patch, path, body, ct);

    public Task<ApiResponse> DeleteAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Delete, path, null, ct);

    private async Task<ApiResponse> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        // Relative paths without a leading slash keep a base URL's path, e.g. https://ops.example.com/firebreak/.
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, s_json), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await _http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            return response.IsSuccessStatusCode ? new ApiResponse(text) : throw Refusal(response, text);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException(ExitCodes.Unavailable, $"Cannot reach the Firebreak server at {BaseUrl}: {ex.Message}",
                ["Check the URL (--url, FIREBREAK_URL or the saved login) and that the server is running."], ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation; only the caller's token means Ctrl+C.
            throw new CliException(ExitCodes.Unavailable, string.Create(CultureInfo.InvariantCulture,
                $"The Firebreak server at {BaseUrl} did not answer within {_http.Timeout.TotalSeconds:0.#} seconds."), null, ex);
        }
    }

    private CliException Refusal(HttpResponseMessage response, string body)
    {
        var problem = ApiProblem.Parse(response.StatusCode, response.ReasonPhrase, body);
        var (headline, lines) = problem.Describe();
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var hint = response.StatusCode == HttpStatusCode.Unauthorized
                ? "Run 'firebreak login' to sign in again, or pass --token / set FIREBREAK_TOKEN."
                : "Run 'firebreak login' as a user whose role allows this.";
            return new CliException(ExitCodes.Auth, headline, HintLogin ? [.. lines, hint] : lines);
        }

        if (status >= 500)
        {
            return new CliException(ExitCodes.Unavailable, $"The Firebreak server at {BaseUrl} failed (HTTP {status}): {headline}", lines);
        }

        return new CliException(ExitCodes.Refused, headline, lines);
    }

    public void Dispose() => _http.Dispose();
}
