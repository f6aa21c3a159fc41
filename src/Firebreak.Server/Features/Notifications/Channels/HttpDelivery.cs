using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>
/// Posts a JSON body for every HTTP channel and turns the answer into a <see cref="DeliveryOutcome"/>: 2xx sent;
/// 408, 429, 5xx, timeouts and unreachable hosts transient; any other answer permanent.
/// </summary>
public sealed partial class HttpDelivery(IHttpClientFactory clients, ILogger<HttpDelivery> log)
{
    public const string ClientName = "Firebreak.Notifications";
    public const string TimeoutKey = "Firebreak:Notifications:HttpTimeoutSeconds";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private const int ExcerptChars = 200;

    public static TimeSpan TimeoutFrom(IConfiguration configuration) =>
        configuration[TimeoutKey] is { Length: > 0 } seconds
            ? TimeSpan.FromSeconds(double.Parse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture))
            : DefaultTimeout;

    /// <param name="headers">Extra request headers (idempotency key, signature).</param>
    public async Task<DeliveryOutcome> PostJsonAsync(
        Uri url, byte[] json, IEnumerable<KeyValuePair<string, string>>? headers, CancellationToken ct)
    {
        var http = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        // Chat webhook URLs are credentials (anyone holding one can post), so errors and logs name only the host.
        var where = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";
        var outcome = await TryPostAsync(http, request, where, ct);
        if (!outcome.Sent)
        {
            Log.Failed(log, where, outcome.Error, outcome.Permanent);
        }

        return outcome;
    }

    private static async Task<DeliveryOutcome> TryPostAsync(HttpClient http, HttpRequestMessage request, string where, CancellationToken ct)
    {
        try
        {
            // Headers only: the body is read (a little of it) just for errors, so a huge answer costs nothing.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.IsSuccessStatusCode)
            {
                return DeliveryOutcome.Ok;
            }

            var code = (int)response.StatusCode;
            var excerpt = await ExcerptAsync(response, http.Timeout, ct);
            var error = $"{where} answered HTTP {code} {response.ReasonPhrase}".TrimEnd() + (excerpt.Length > 0 ? $": {excerpt}" : "");
            return DeliveryOutcome.Failed(error, permanent: !IsTransient(response.StatusCode));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (TaskCanceledException)
        {
            return DeliveryOutcome.Failed($"{where} did not answer within {http.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e) when (e.InnerException is OutboundRefusedException refused)
        {
            return DeliveryOutcome.Failed(refused.Message, permanent: true);
        }
        catch (HttpRequestException e)
        {
            // Refused, reset, DNS, TLS: the receiver may be back in a minute.
            return DeliveryOutcome.Failed($"{where} unreachable: {e.Message}");
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, TimeSpan timeout, CancellationToken ct)
    {
        // The client's timeout ended with the headers; a receiver trickling its error body must not hold us longer.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(limit.Token);
            var buffer = new byte[ExcerptChars * 4];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), limit.Token)) > 0)
            {
                read += n;
            }

            var text = string.Join(' ', Encoding.UTF8.GetString(buffer, 0, read).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return text.Length <= ExcerptChars ? text : text[..ExcerptChars] + "…";
        }
        catch (Exception e) when (e is IOException or HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return "";
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Notification post to {Where} failed (permanent: {Permanent}): {Error}")]
        public static partial void Failed(ILogger logger, string where, string? error, bool permanent);
    }
}
