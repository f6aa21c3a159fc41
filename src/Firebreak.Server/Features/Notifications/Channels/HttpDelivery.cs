using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>
/// Posts a JSON body for every HTTP channel and turns the answer into a <see cref="DeliveryOutcome"/>: 2xx sent;
/// 408, 429, 5xx, timeouts and unreachable hosts transient; any other answer permanent. The error a person sees is the
/// status line with its standard reason phrase, plus a chat service's documented error field (<see cref="ReceiverErrors"/>);
/// never the receiver's own words, which could be anything a service behind the firewall says.
/// </summary>
public sealed partial class HttpDelivery(IHttpClientFactory clients, ILogger<HttpDelivery> log)
{
    public const string ClientName = "Firebreak.Notifications";
    public const string TimeoutKey = "Firebreak:Notifications:HttpTimeoutSeconds";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    // Enough for any documented error body; a receiver cannot make us read more.
    private const int MaxErrorBytes = 4096;

    public static TimeSpan TimeoutFrom(IConfiguration configuration) =>
        configuration[TimeoutKey] is { Length: > 0 } seconds
            ? TimeSpan.FromSeconds(double.Parse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture))
            : DefaultTimeout;

    /// <param name="headers">Extra request headers (idempotency key, signature).</param>
    /// <param name="readError">How the receiver documents its errors; without it no byte of a refusal's body is read.</param>
    public async Task<DeliveryOutcome> PostJsonAsync(
        Uri url, byte[] json, IEnumerable<KeyValuePair<string, string>>? headers, ReceiverError? readError, CancellationToken ct)
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
        var outcome = await TryPostAsync(http, request, where, readError, ct);
        if (!outcome.Sent)
        {
            Log.Failed(log, where, outcome.Error, outcome.Permanent);
        }

        return outcome;
    }

    private async Task<DeliveryOutcome> TryPostAsync(HttpClient http, HttpRequestMessage request, string where, ReceiverError? readError, CancellationToken ct)
    {
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.IsSuccessStatusCode)
            {
                return DeliveryOutcome.Ok;
            }

            var code = (int)response.StatusCode;
            var field = readError is null ? null : readError(await ReadErrorBodyAsync(response, http.Timeout, ct));
            var error = $"{where} answered HTTP {code} {ReasonPhrases.GetReasonPhrase(code)}".TrimEnd() + (field is null ? "" : $": {field}");
            return DeliveryOutcome.Failed(error, permanent: !IsTransient(response.StatusCode));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (HttpRequestException e) when (e.InnerException is OutboundRefusedException refused)
        {
            return DeliveryOutcome.Failed(refused.Message, permanent: true);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Refused, reset, timed out, no DNS answer, TLS: one message for all, or the delivery log would tell
            // whoever entered the URL which ports are open. The log, for admins, keeps the reason.
            Log.Unreachable(log, where, e is TaskCanceledException ? $"no answer within {http.Timeout.TotalSeconds:0.###} s" : e.Message);
            return DeliveryOutcome.Failed($"could not connect to {where}");
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, TimeSpan timeout, CancellationToken ct)
    {
        // The client's timeout ended with the headers; a receiver trickling its error body must not hold us longer.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(limit.Token);
            var buffer = new byte[MaxErrorBytes];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), limit.Token)) > 0)
            {
                read += n;
            }

            return Encoding.UTF8.GetString(buffer, 0, read);
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

        [LoggerMessage(LogLevel.Information, "Notification post to {Where} could not connect: {Reason}")]
        public static partial void Unreachable(ILogger logger, string where, string reason);
    }
}
