using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Firebreak.Cli.Features.Runners;

/// <summary>What a runner says to the server, with its own token: ask for a job, report output, report the end.</summary>
internal sealed class RunnerConnection : IDisposable
{
    /// <summary>Longer than the server holds a poll (25 s), so an idle poll ends with its 204, not a client timeout.</summary>
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;

    public RunnerConnection(CliEnvironment env, Uri server, string token)
    {
        _http = env.Handler is null ? new HttpClient() : new HttpClient(env.Handler, disposeHandler: false);
        _http.BaseAddress = server;
        _http.Timeout = s_timeout;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("firebreak-runner", "1"));
        Server = server;
    }

    public Uri Server { get; }

    /// <summary>A job, or null when the server had none within its hold.</summary>
    public async Task<RunnerJobModel?> PollAsync(CancellationToken ct)
    {
        using var response = await _http.PostAsync("api/v1/runner/poll", null, ct);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        await ThrowUnlessOkAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<RunnerJobModel>(s_json, ct);
    }

    /// <summary>True when the server wants the job stopped: someone cancelled it, or the server no longer expects it.</summary>
    public async Task<bool> OutputAsync(long job, string stdout, string stderr, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync($"api/v1/runner/jobs/{job}/output", new { stdout, stderr }, s_json, ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return true;
        }

        await ThrowUnlessOkAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<JobOutputAnswerModel>(s_json, ct))?.Cancel ?? false;
    }

    public async Task DoneAsync(long job, object report, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync($"api/v1/runner/jobs/{job}/done", report, s_json, ct);
        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Conflict))
        {
            await ThrowUnlessOkAsync(response, ct);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task ThrowUnlessOkAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(ct);
        var (headline, lines) = Api.ApiProblem.Parse(response.StatusCode, response.ReasonPhrase, body).Describe();
        throw response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? new CliException(ExitCodes.Auth, headline, lines)
            : new HttpRequestException($"{Server} answered {(int)response.StatusCode}: {headline}");
    }
}
