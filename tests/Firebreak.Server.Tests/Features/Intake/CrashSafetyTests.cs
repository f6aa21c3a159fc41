using System.Collections.Concurrent;
using System.Net;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.Intake;

/// <summary>Every event answered with 2xx survives a SIGKILL of the server mid-stream.</summary>
public sealed class CrashSafetyTests
{
    [Fact]
    public async Task KillNineMidStream_EveryAcceptedEventIsStored()
    {
        using var data = new TempDir();
        string key;
        await using (var first = await ChildServer.StartAsync(data.Path))
        {
            using var admin = await first.AdminClientAsync();
            key = (await admin.PostJsonAsync("/api/v1/integrations", new { name = "crash", kind = "pagerduty" }).ExpectAsync(HttpStatusCode.Created)).Str("key");

            var accepted = new ConcurrentBag<string>();
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 4).Select(sender => Task.Run(async () =>
            {
                using var http = new HttpClient { BaseAddress = first.Url, Timeout = TimeSpan.FromSeconds(5) };
                for (var i = 0; i < 5000 && !stop.IsCancellationRequested; i++)
                {
                    var dedup = $"s{sender}-{i}";
                    try
                    {
                        using var response = await http.PostJsonAsync("/v2/enqueue", new
                        {
                            routing_key = key,
                            event_action = "trigger",
                            dedup_key = dedup,
                            payload = new { summary = $"crash test {dedup}", source = "test", severity = "info" },
                        });
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            accepted.Add(dedup);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                    catch (TaskCanceledException) when (stop.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (TaskCanceledException)
                    {
                        // A cold server on a loaded machine can take longer than the timeout to answer its first requests.
                    }
                }
            })).ToList();

            await Eventually.WaitForAsync(() => Task.FromResult(accepted.Count), n => n >= 300, TimeSpan.FromSeconds(60), "300 accepted events");
            await first.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(senders);

            // Restart on the same files: recovery must replay the WAL and keep every acknowledged event.
            await using var second = await ChildServer.StartAsync(data.Path);
            await using var db = new SqliteFirebreakDb(new DbContextOptionsBuilder<SqliteFirebreakDb>()
                .UseSqlite($"Data Source={Path.Combine(data.Path, "firebreak.db")}").Options);
            var stored = (await db.Alerts.Where(a => a.Integration!.Key == key).Select(a => a.DedupKey).ToListAsync()).ToHashSet();

            Assert.True(accepted.Count >= 300);
            Assert.DoesNotContain(accepted, a => !stored.Contains(a));
        }
    }
}
