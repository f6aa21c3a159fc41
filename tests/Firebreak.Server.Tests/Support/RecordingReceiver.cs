using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Firebreak.Server.Tests.Support;

/// <summary>
/// A real HTTP server on a loopback port that records every request. <c>/status/{code}</c> answers with that code,
/// <c>/reply/{code}?type=…&amp;body=…</c> with that code, content type and body, <c>/reason/{code}?phrase=…</c> with its own
/// reason phrase, <c>/hang</c> never answers; anything else gets 200.
/// </summary>
public sealed class RecordingReceiver : IAsyncDisposable
{
    public const string RefusalBody = "receiver says no: something broke";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests;
    private readonly CancellationTokenSource _stopping;
    private readonly ConcurrentDictionary<string, int> _switches;

    private RecordingReceiver(
        WebApplication app, Uri baseUrl, ConcurrentQueue<ReceivedRequest> requests, CancellationTokenSource stopping, ConcurrentDictionary<string, int> switches)
    {
        _app = app;
        BaseUrl = baseUrl;
        _requests = requests;
        _stopping = stopping;
        _switches = switches;
    }

    public Uri BaseUrl { get; }

    public IReadOnlyCollection<ReceivedRequest> Requests => _requests;

    public string Url(string path) => new Uri(BaseUrl, path).AbsoluteUri;

    public ReceivedRequest OnlyRequestTo(string path) => Assert.Single(_requests, r => r.Path == path);

    /// <summary>Makes <c>/switch/{name}</c> answer <paramref name="status"/> from now on (it answers 200 until told).</summary>
    public void Answer(string name, int status) => _switches[name] = status;

    public static async Task<RecordingReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var requests = new ConcurrentQueue<ReceivedRequest>();
        var stopping = new CancellationTokenSource();
        var switches = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        app.Use(async (context, next) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            requests.Enqueue(new ReceivedRequest(context.Request.Path, headers, body.ToArray()));
            await next(context);
        });
        app.MapPost("/status/{code:int}", (int code) => Results.Text(RefusalBody, statusCode: code));
        app.MapPost("/reply/{code:int}", (int code, string body, string type) => Results.Text(body, type, statusCode: code));
        app.MapPost("/reason/{code:int}", (HttpContext context, int code, string phrase) =>
        {
            context.Response.StatusCode = code;
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>()!.ReasonPhrase = phrase;
            return Task.CompletedTask;
        });
        app.MapPost("/switch/{name}", (string name) => Results.Text(RefusalBody, statusCode: switches.GetValueOrDefault(name, 200)));
        app.MapPost("/hang", async (HttpContext context) =>
        {
            // Holds the request until the client gives up (or the receiver stops), without a sleep anywhere.
            using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
            await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        app.MapPost("/{**rest}", () => Results.Text("ok"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RecordingReceiver(app, new Uri(address), requests, stopping, switches);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}

public sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
