using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Escalation;

/// <summary>
/// Two real <c>firebreak</c> processes on one PostgreSQL database, on the real clock. The node that opened an incident
/// and sent its first page is killed (SIGKILL) before the second step is due; the other node sends that step on time,
/// exactly once. Policies step at most once a minute, so this test waits that minute on the real clock.
/// </summary>
[RunsLong]
public sealed class KilledNodeTests
{
    [Fact]
    public async Task AnEscalationStepDueAfterItsNodeIsKilled_IsSentByTheOtherNode_ExactlyOnce()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var receiver = await RecordingReceiver.StartAsync();
        var env = database.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? "");
        env["Firebreak__Engine__PollMilliseconds"] = "200";
        // Long enough that node B, on a CI machine whose cores the other test classes share, finishes its own send and
        // records it within the lease: with 5 s, CI once saw B send step 2 twice under one key, most likely its lease
        // running out mid-send (at least once allows that). Node A holds no lease when it dies, so this does not delay
        // the takeover the test is about.
        env["Firebreak__Engine__LeaseSeconds"] = "15";
        env["FIREBREAK_ADMIN_PASSWORD"] = ChildServer.AdminPassword;
        var config = Directory.CreateTempSubdirectory("firebreak-killed-").FullName;
        await File.WriteAllTextAsync(Path.Combine(config, "team.yaml"), """
            users:
              - { username: kim, name: Kim, role: responder }
            services:
              - { key: checkout, name: Checkout }
            """);
        var applied = await FirebreakProcess.RunAsync(env.ToDictionary(e => e.Key, e => (string?)e.Value), "config", "apply", config, "--data", database.DataDir);
        Assert.True(applied.ExitCode == 0, applied.Error);

        await using var nodeA = await ChildServer.StartAsync(Directory.CreateTempSubdirectory("firebreak-a-").FullName, env);
        await using var nodeB = await ChildServer.StartAsync(Directory.CreateTempSubdirectory("firebreak-b-").FullName, env);
        using var admin = await nodeA.AdminClientAsync();
        await admin.PostAsJsonAsync("/api/v1/users/kim/contact-methods", new { kind = "webhook", address = receiver.Url("/kim") }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        await admin.PutAsJsonAsync("/api/v1/escalation-policies/checkout", new
        {
            name = "Checkout",
            steps = new object[] { new { targets = new[] { "user:kim" }, delay = "1m" }, new { targets = new[] { "user:kim" }, delay = "1m" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        await admin.PutAsJsonAsync("/api/v1/services/checkout/escalation-policy", new { policy = "checkout" }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);

        var declared = System.Diagnostics.Stopwatch.StartNew();
        var incident = (await admin.PostAsJsonAsync("/api/v1/incidents", new { title = "Checkout is down", severity = "SEV-2", service = "checkout" }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("number").GetInt32();
        // Killed once step 1 is recorded as sent: a kill between the send and that record would, by design (at least
        // once), have the other node send step 1 again with the same key, which is DeliveryFailureTests' case.
        await Eventually.WaitForAsync(
            async () => await admin.GetAsync($"/api/v1/incidents/{incident}/escalation").ExpectAsync(HttpStatusCode.OK),
            s => s.GetProperty("deliveries").EnumerateArray().Any(d => d.Str("status") == "sent"),
            TimeSpan.FromSeconds(10), "node A sending step 1");
        await nodeA.KillAsync();
        Assert.Equal(1, Pages(receiver));
        Assert.True(declared.Elapsed < TimeSpan.FromSeconds(50), "node A must die well before step 2 is due");

        using var viewer = await nodeB.AdminClientAsync();
        var state = await Eventually.WaitForAsync(
            async () => await viewer.GetAsync($"/api/v1/incidents/{incident}/escalation").ExpectAsync(HttpStatusCode.OK),
            s => s.GetProperty("deliveries").EnumerateArray().Count(d => d.Str("status") == "sent") == 2,
            TimeSpan.FromSeconds(90), "node B sending step 2");

        Assert.True(declared.Elapsed >= TimeSpan.FromMinutes(1), "step 2 went out before it was due");
        Assert.Equal(2, state.GetProperty("stepsFired").GetInt32());
        var keys = receiver.Requests.Where(r => r.Path == "/kim").Select(r => r.Headers["Idempotency-Key"]).ToList();
        Assert.True(keys.Count == 2 && keys.Distinct().Count() == 2, $"pages received, by idempotency key: {string.Join(", ", keys)}");
    }

    private static int Pages(RecordingReceiver receiver) => receiver.Requests.Count(r => r.Path == "/kim");
}
