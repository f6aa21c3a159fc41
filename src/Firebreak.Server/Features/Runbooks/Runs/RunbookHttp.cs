using System.Diagnostics;
using System.Text;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Features.Runbooks.Format;

namespace Firebreak.Server.Features.Runbooks.Runs;

/// <summary>What an HTTP step got: the status (null when no answer came), the body as text, and why it failed if it did.</summary>
public sealed record HttpStepOutcome(int? Status, string Body, string? Error, TimeSpan Took);

/// <summary>
/// Sends an HTTP step's request under the outbound rules of notifications (<see cref="OutboundHosts"/>, judged again after
/// DNS on every connection): a runbook is written by people, and its URLs are filled from alert labels anyone who can
/// send an alert controls. No redirects are followed and no proxy is used, for the same reasons as webhooks.
/// </summary>
public sealed class RunbookHttp(IHttpClientFactory clients, OutboundHosts outbound)
{
    public const string ClientName = "Firebreak.Runbooks";

    public async Task<HttpStepOutcome> SendAsync(HttpStep step, string url, IReadOnlyDictionary<string, string> headers, string? body, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return new HttpStepOutcome(null, "", $"'{url}' is not an http or https URL", watch.Elapsed);
        }

        if (outbound.Problem(uri) is { } refused)
        {
            return new HttpStepOutcome(null, "", refused, watch.Elapsed);
        }

        using var request = new HttpRequestMessage(new HttpMethod(step.Method), uri);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, body.TrimStart().StartsWith('{') ? "application/json" : "text/plain");
        }

        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(step.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var text = await ReadCappedAsync(response.Content, timeout.Token);
            var status = (int)response.StatusCode;
            var error = step.Succeeded(status) ? null : $"expected {(step.ExpectStatus.Count == 0 ? "a 2xx status" : string.Join(" or ", step.ExpectStatus))}, got {status}";
            return new HttpStepOutcome(status, text, error, watch.Elapsed);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new HttpStepOutcome(null, "", $"no answer within {Core.Config.DurationParser.Format(step.Timeout)}", watch.Elapsed);
        }
        catch (HttpRequestException ex)
        {
            var why = ex.InnerException is OutboundRefusedException refusedAfterDns ? refusedAfterDns.Message : ex.Message;
            return new HttpStepOutcome(null, "", $"could not reach {uri.Host}: {why}", watch.Elapsed);
        }
    }

    private static async Task<string> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[StepOutput.MaxBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, Math.Min(read, StepOutput.MaxBytes));
        return read > StepOutput.MaxBytes ? StepOutput.Cap(text + StepOutput.CutMark) : text;
    }
}
