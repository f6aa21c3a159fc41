using System.Globalization;
using System.Net;
using Firebreak.Core.Incidents;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Comms;
using Firebreak.Server.Features.Comms.Stakeholders;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Comms;

/// <summary>One maildev, one recording receiver and one server with the engine run by hand on a fake clock.</summary>
public abstract class StakeholderFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public const string SecretEnv = "FIREBREAK_TEST_STAKEHOLDER_SECRET";

    public RealMaildev Maildev { get; private set; } = null!;

    public RecordingReceiver Receiver { get; private set; } = null!;

    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(SecretEnv, "a-long-enough-signing-secret");
        Maildev = await RealMaildev.StartAsync();
        Receiver = await RecordingReceiver.StartAsync();
        Server = await RunningServer.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Firebreak:Engine:Background"] = "false",
            ["Firebreak:Smtp:Host"] = "127.0.0.1",
            ["Firebreak:Smtp:Port"] = Maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Firebreak:Smtp:From"] = "comms@firebreak.test",
            ["Firebreak:Smtp:TimeoutSeconds"] = "5",
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Receiver.DisposeAsync();
        await Maildev.DisposeAsync();
    }

    /// <summary>Advances the clock and runs everything that became due.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Server.Clock.Advance(by);
        await Server.App.Services.GetRequiredService<WorkRunner>().RunDueAsync();
    }

    public async Task<IReadOnlyList<string>> ApplyAsync(string yaml)
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", yaml);
        await using var scope = Server.App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default)).Errors;
    }
}

public sealed class SqliteStakeholderFixture() : StakeholderFixture(DatabaseProvider.Sqlite);

public sealed class PostgresStakeholderFixture() : StakeholderFixture(DatabaseProvider.Postgres);

/// <summary>
/// Stakeholders hear about the incidents they subscribe to (service, severity, event) by email list, chat webhook or
/// their own contact methods: declaration, updates and resolution, each queued with its cause, sent by the engine,
/// retried on a transient failure and on the timeline once sent.
/// </summary>
public abstract class StakeholderTests(StakeholderFixture fixture)
{
    private readonly string _t = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    private string Svc => $"svc-{_t}";

    private async Task<string> DeclareAsync(string severity, string service, string? title = null)
    {
        var incident = await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = title ?? $"Checkout down {_t}", severity, service })
            .ExpectAsync(HttpStatusCode.Created);
        return incident.GetProperty("number").GetInt32().ToString(CultureInfo.InvariantCulture);
    }

    private Task<List<string>> SentLinesAsync(string incident)
    {
        var number = int.Parse(incident, CultureInfo.InvariantCulture);
        return Server.WithDbAsync(db => db.TimelineEntries
            .Where(t => db.Set<Incident>().Any(i => i.Id == t.IncidentId && i.Number == number) && t.Kind == TimelineKind.CommsSent)
            .OrderBy(t => t.Id).Select(t => t.Text).ToListAsync());
    }

    private Task<List<StakeholderSend>> SendsAsync(string incident)
    {
        var number = int.Parse(incident, CultureInfo.InvariantCulture);
        return Server.WithDbAsync(db => db.StakeholderSends
            .Where(s => db.Set<Incident>().Any(i => i.Id == s.IncidentId && i.Number == number)).OrderBy(s => s.CreatedAt).ToListAsync());
    }

    private string Services => $"""
        services:
          - key: {Svc}
            name: Svc {_t}
          - key: other-{_t}
            name: Other {_t}
        """;

    [Fact]
    public async Task Declaration_GoesToEachMatchingStakeholder_ByEmailAndChat_HtmlTitleStaysText_AndIsOnTheTimeline()
    {
        var support = $"support-{_t}@example.com";
        Assert.Empty(await fixture.ApplyAsync($"""
            {Services}
            stakeholders:
              - key: support
                name: Support
                email: {support}
                services: [{Svc}]
                severities: [SEV-1]
              - key: chat
                name: Leadership chat
                slack: {fixture.Receiver.Url($"/chat/{_t}")}
                severities: [SEV-1]
              - key: other-service
                email: other-{_t}@example.com
                services: [other-{_t}]
              - key: sev3-only
                email: sev3-{_t}@example.com
                severities: [SEV-3]
              - key: resolution-only
                email: res-{_t}@example.com
                events: [resolution]
            """));

        var incident = await DeclareAsync("SEV-1", Svc, $"<b>DB</b> down {_t}");
        Assert.Equal(2, (await SendsAsync(incident)).Count);
        await fixture.AdvanceAsync(TimeSpan.Zero);

        var mail = Assert.Single(await fixture.Maildev.WaitForMessagesToAsync(support));
        Assert.Equal($"[SEV-1] Incident INC-{incident} opened: <b>DB</b> down {_t}", mail.Str("subject"));
        Assert.Contains($"&lt;b&gt;DB&lt;/b&gt; down {_t}", mail.Str("html"), StringComparison.Ordinal);
        Assert.DoesNotContain("<b>DB</b>", mail.Str("html"), StringComparison.Ordinal);
        Assert.Contains($"<b>DB</b> down {_t}", mail.Str("text"), StringComparison.Ordinal);
        var chat = fixture.Receiver.OnlyRequestTo($"/chat/{_t}").Json.Str("text");
        Assert.StartsWith($"*[SEV-1] Incident INC-{incident} opened: &lt;b&gt;DB&lt;/b&gt; down {_t}*", chat, StringComparison.Ordinal);
        Assert.DoesNotContain("/ack", chat, StringComparison.Ordinal);
        Assert.Equal(["Declaration sent to Leadership chat (slack)", "Declaration sent to Support (email)"], (await SentLinesAsync(incident)).Order());
        foreach (var nobody in new[] { $"other-{_t}@example.com", $"sev3-{_t}@example.com", $"res-{_t}@example.com" })
        {
            Assert.Empty(await fixture.Maildev.MessagesToAsync(nobody));
        }

        var elsewhere = await DeclareAsync("SEV-2", $"other-{_t}");
        Assert.Equal("other-service", Assert.Single(await Server.WithDbAsync(db => db.StakeholderSends
            .Where(s => s.Kind == CommsKinds.Declaration && db.Set<Incident>().Any(i => i.Id == s.IncidentId && i.Number == int.Parse(elsewhere, CultureInfo.InvariantCulture)))
            .Select(s => db.Set<Stakeholder>().First(k => k.Id == s.StakeholderId).Key).ToListAsync())));
    }

    [Fact]
    public async Task UpdateAndResolution_AreSentToASignedWebhook_AndTheUpdateRecordsWhereItWent()
    {
        Assert.Empty(await fixture.ApplyAsync($"""
            {Services}
            stakeholders:
              - key: ops-hook
                name: Ops hook
                webhook: {fixture.Receiver.Url($"/hook/{_t}")}
                secret_env: {StakeholderFixture.SecretEnv}
                services: [{Svc}]
            """));
        var incident = await DeclareAsync("SEV-2", Svc);

        var update = await Server.Responder.PostJsonAsync($"/api/v1/incidents/{incident}/updates", new { text = "Rolling back." }).ExpectAsync(HttpStatusCode.Created);
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{incident}/resolve", new { text = "rolled back" }).ExpectAsync(HttpStatusCode.OK);
        await fixture.AdvanceAsync(TimeSpan.Zero);

        Assert.Equal(["Ops hook (webhook)"], update.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        var posts = fixture.Receiver.Requests.Where(r => r.Path == $"/hook/{_t}").ToList();
        Assert.Equal([CommsKinds.Declaration, CommsKinds.Resolution, CommsKinds.Update], posts.Select(p => p.Json.Str("event")).Order(StringComparer.Ordinal));
        Assert.Equal(3, posts.Count);
        Assert.All(posts, p => Assert.NotNull(p.Header("X-Firebreak-Signature")));
        Assert.StartsWith("Rolling back.", posts.Single(p => p.Json.Str("event") == CommsKinds.Update).Json.Str("text"), StringComparison.Ordinal);
        Assert.DoesNotContain(posts, p => p.Text.Contains("a-long-enough-signing-secret", StringComparison.Ordinal));
        Assert.Equal(
            ["Declaration sent to Ops hook (webhook)", "Resolution sent to Ops hook (webhook)", "Update sent to Ops hook (webhook)"],
            (await SentLinesAsync(incident)).Order(StringComparer.Ordinal));
        var line = await Server.WithDbAsync(db => db.TimelineEntries.Where(t => t.Kind == TimelineKind.StakeholderUpdate && t.Text.Contains("Rolling back.")).Select(t => t.Text).ToListAsync());
        Assert.Contains("Stakeholder update by rita to Ops hook (webhook): Rolling back.", line);
    }

    [Fact]
    public async Task AReceiverAnswering503ThenOk_IsRetriedWithBackoff_AndSentOnce_WhileA404IsFinal()
    {
        Assert.Empty(await fixture.ApplyAsync($"""
            {Services}
            stakeholders:
              - key: flaky
                name: Flaky
                mattermost: {fixture.Receiver.Url($"/switch/{_t}")}
                services: [{Svc}]
              - key: gone
                name: Gone
                teams: {fixture.Receiver.Url("/status/404")}
                services: [{Svc}]
            """));
        fixture.Receiver.Answer(_t, 503);
        var incident = await DeclareAsync("SEV-2", Svc);

        await fixture.AdvanceAsync(TimeSpan.Zero);
        Assert.Single(fixture.Receiver.Requests, r => r.Path == $"/switch/{_t}");
        Assert.Equal(["Declaration to Gone (teams) was not sent after 1 attempt(s): 127.0.0.1:" + new Uri(fixture.Receiver.Url("/")).Port + " answered HTTP 404 Not Found"],
            await SentLinesAsync(incident));

        fixture.Receiver.Answer(_t, 200);
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(5));
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(2, fixture.Receiver.Requests.Count(r => r.Path == $"/switch/{_t}"));
        Assert.Contains("Declaration sent to Flaky (mattermost)", await SentLinesAsync(incident));
        var sends = await SendsAsync(incident);
        Assert.Equal([StakeholderSendStatus.Failed, StakeholderSendStatus.Sent], sends.Select(s => s.Status).Order(StringComparer.Ordinal));
        Assert.Equal(2, sends.Single(s => s.Status == StakeholderSendStatus.Sent).Attempts);
    }

    [Fact]
    public async Task AUserStakeholder_HearsThroughTheirContactMethods_WithoutAnAckLink_AndAnUnknownUserOrSeverityIsAConfigErrorAtItsLine()
    {
        var who = $"lee{_t}";
        await Server.CreateUserWithTokenAsync(who, Role.Responder);
        await Server.Admin.PostJsonAsync($"/api/v1/users/{who}/contact-methods",
            new { kind = "webhook", label = "phone", address = fixture.Receiver.Url($"/people/{who}") }).ExpectAsync(HttpStatusCode.Created);

        var errors = await fixture.ApplyAsync($"""
            {Services}
            stakeholders:
              - key: lead
                name: Lee
                user: {who}
                services: [{Svc}]
              - key: ghost
                user: nobody-{_t}
                severities: [SEV-9]
            """);
        Assert.Equal(
            [$"config.yaml:11: stakeholder 'ghost' names unknown user 'nobody-{_t}'", "config.yaml:11: stakeholder 'ghost' names unknown severity 'SEV-9'"],
            errors);
        Assert.Empty(await fixture.ApplyAsync($"""
            {Services}
            stakeholders:
              - key: lead
                name: Lee
                user: {who}
                services: [{Svc}]
            """));

        var incident = await DeclareAsync("SEV-2", Svc);
        await fixture.AdvanceAsync(TimeSpan.Zero);
        await fixture.AdvanceAsync(TimeSpan.Zero);

        var post = fixture.Receiver.OnlyRequestTo($"/people/{who}");
        Assert.Contains($"Incident INC-{incident} opened", post.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("/ack", post.Text, StringComparison.Ordinal);
        Assert.Equal(["Declaration sent to Lee (user)"], await SentLinesAsync(incident));
    }
}

public sealed class StakeholderTests_Sqlite(SqliteStakeholderFixture f) : StakeholderTests(f), IClassFixture<SqliteStakeholderFixture>;

public sealed class StakeholderTests_Postgres(PostgresStakeholderFixture f) : StakeholderTests(f), IClassFixture<PostgresStakeholderFixture>;
