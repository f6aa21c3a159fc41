using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Firebreak.E2E.Tests.Support;

/// <summary>
/// A webhook endpoint on a free loopback port that records every JSON body posted to it: what a person's pager
/// integration would receive from Firebreak.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _bodies;
    private readonly SemaphoreSlim _arrived;

    private WebhookReceiver(WebApplication app, ConcurrentQueue<JsonElement> bodies, SemaphoreSlim arrived, Uri url)
    {
        _app = app;
        _bodies = bodies;
        _arrived = arrived;
        Url = url;
    }

    /// <summary>Where to point a webhook contact method.</summary>
    public Uri Url { get; }

    public IReadOnlyList<JsonElement> Bodies => [.. _bodies];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var bodies = new ConcurrentQueue<JsonElement>();
        var arrived = new SemaphoreSlim(0);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var json = await JsonDocument.ParseAsync(request.Body);
            bodies.Enqueue(json.RootElement.Clone());
            arrived.Release();
            return Results.Ok();
        });
        await app.StartAsync();
        // After start the bound port replaces the 0 we asked for.
        return new WebhookReceiver(app, bodies, arrived, new Uri(new Uri(app.Urls.First()), "/hook"));
    }

    /// <summary>The first body that matches, looking again at each arrival until <paramref name="timeout"/>: the engine sends within seconds.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            foreach (var body in _bodies)
            {
                if (match(body))
                {
                    return body;
                }
            }

            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching webhook within {timeout.TotalSeconds}s; received {_bodies.Count}: {string.Join("\n", _bodies)}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}
