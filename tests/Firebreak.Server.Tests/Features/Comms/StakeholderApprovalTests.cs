using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Comms;

/// <summary>One recording receiver and one server with the engine run by hand on a fake clock (no SMTP: webhooks only).</summary>
public abstract class StakeholderApprovalFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public RecordingReceiver Receiver { get; private set; } = null!;

    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await RecordingReceiver.StartAsync();
        Server = await RunningServer.StartAsync(provider, new Dictionary<string, string?> { ["Firebreak:Engine:Background"] = "false" });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed class SqliteStakeholderApprovalFixture() : StakeholderApprovalFixture(DatabaseProvider.Sqlite);

public sealed class PostgresStakeholderApprovalFixture() : StakeholderApprovalFixture(DatabaseProvider.Postgres);

/// <summary>
/// Customer emails wait for approval: while an incident's external communication needs approval (its severity's
/// <c>external_comms: needs_approval</c> or its own switch, the rule public updates follow), messages to external
/// stakeholders are held, on the timeline and audited, until the commander or an admin approves them; internal
/// stakeholders hear at once.
/// </summary>
public abstract class StakeholderApprovalTests(StakeholderApprovalFixture fixture)
{
    private readonly string _t = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    private string Svc => $"svc-{_t}";

    /// <summary>Posts about this test's incident (one left queued by another test's failure may still arrive).</summary>
    private List<ReceivedRequest> PostsTo(string who, string incident) =>
        [.. fixture.Receiver.Requests.Where(r => r.Path == $"/{who}/{_t}" && r.Json.GetProperty("incident").GetProperty("number").GetInt32().ToString(CultureInfo.InvariantCulture) == incident)];

    private async Task RunDueAsync(TimeSpan by)
    {
        Server.Clock.Advance(by);
        await Server.App.Services.GetRequiredService<WorkRunner>().RunDueAsync();
    }

    private async Task ApplyAsync(string severityNeedingApproval)
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", $"""
            severity:
              levels:
                - key: SEV-1
                  name: Critical
                  external_comms: {(severityNeedingApproval == "SEV-1" ? "needs_approval" : "open")}
                - key: SEV-2
                  name: Major
                - key: SEV-3
                  name: Minor
                - key: SEV-4
                  name: Low
            services:
              - key: {Svc}
                name: Svc {_t}
            stakeholders:
              - key: ops
                name: Ops
                webhook: {fixture.Receiver.Url($"/ops/{_t}")}
                services: [{Svc}]
              - key: customers
                name: Customers
                webhook: {fixture.Receiver.Url($"/customers/{_t}")}
                external: true
                services: [{Svc}]
            """);
        await using var scope = Server.App.Services.CreateAsyncScope();
        Assert.Empty((await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default)).Errors);
    }

    private async Task<string> DeclareAsync(string severity)
    {
        var incident = await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = $"Token leak {_t}", severity, service = Svc }).ExpectAsync(HttpStatusCode.Created);
        var number = incident.GetProperty("number").GetInt32().ToString(CultureInfo.InvariantCulture);
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/roles", new { role = "commander", user = "rita" }).ExpectAsync(HttpStatusCode.OK);
        return number;
    }

    private async Task<List<JsonElement>> SendsAsync(string incident) =>
        [.. (await Server.Viewer.GetAsync($"/api/v1/incidents/{incident}/stakeholder-sends").ExpectAsync(HttpStatusCode.OK)).EnumerateArray()];

    private async Task<List<string>> TimelineAsync(string incident) =>
        [.. (await Server.Viewer.GetAsync($"/api/v1/incidents/{incident}").ExpectAsync(HttpStatusCode.OK)).GetProperty("timeline").EnumerateArray()
            .Where(t => t.Str("kind") == "comms_sent").Select(t => t.Str("text"))];

    private Task<List<string>> AuditAsync(string incident) =>
        Server.WithDbAsync(db => db.Set<AuditEvent>().Where(a => a.Resource == $"incident/{incident}/stakeholder-sends").OrderBy(a => a.Id).Select(a => a.Action + " " + a.Actor).ToListAsync());

    [Fact]
    public async Task ASeverityNeedingApproval_HoldsTheExternalDeclaration_UntilTheCommanderApprovesAll_WhileInternalOnesGoAtOnce()
    {
        await ApplyAsync("SEV-1");
        var incident = await DeclareAsync("SEV-1");
        await RunDueAsync(TimeSpan.Zero);

        Assert.Single(PostsTo("ops", incident));
        Assert.Empty(PostsTo("customers", incident));
        var held = Assert.Single(await SendsAsync(incident), s => s.Str("status") == "held");
        Assert.Equal("customers", held.Str("stakeholder"));
        Assert.True(held.GetProperty("external").GetBoolean());
        Assert.Contains(await TimelineAsync(incident), t => t.StartsWith("Declaration to Customers (webhook) held: external communication", StringComparison.Ordinal));
        Assert.Equal(["stakeholder_send.hold comms"], await AuditAsync(incident));

        // Still held however long it waits: no work item is behind it.
        await RunDueAsync(TimeSpan.FromHours(1));
        Assert.Empty(PostsTo("customers", incident));

        var other = Server.Client(await Server.CreateUserWithTokenAsync($"ruth{_t}", Role.Responder));
        await other.PostAsync($"/api/v1/incidents/{incident}/stakeholder-sends/approve-held", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Viewer.PostAsync($"/api/v1/incidents/{incident}/stakeholder-sends/approve-held", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var approved = await Server.Responder.PostAsync($"/api/v1/incidents/{incident}/stakeholder-sends/approve-held", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("rita", Assert.Single(approved.EnumerateArray()).Str("approvedBy"));
        await RunDueAsync(TimeSpan.Zero);

        var post = Assert.Single(PostsTo("customers", incident));
        Assert.Equal("declaration", post.Json.Str("event"));
        Assert.All(await SendsAsync(incident), s => Assert.Equal("sent", s.Str("status")));
        Assert.Contains("Declaration to Customers (webhook) approved by rita: sending", await TimelineAsync(incident));
        Assert.Contains("Declaration sent to Customers (webhook)", await TimelineAsync(incident));
        Assert.Equal(["stakeholder_send.hold comms", "stakeholder_send.approve rita"], await AuditAsync(incident));
        Assert.Empty((await Server.Responder.PostAsync($"/api/v1/incidents/{incident}/stakeholder-sends/approve-held", null).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        await Server.Admin.PostAsync($"/api/v1/incidents/{incident}/stakeholder-sends/{held.Str("id")}/approve", null).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TheIncidentsApprovalSwitch_HoldsLaterUpdatesToExternalStakeholders_AndAnAdminApprovesOne()
    {
        await ApplyAsync("none");
        var incident = await DeclareAsync("SEV-2");
        await RunDueAsync(TimeSpan.Zero);
        Assert.Single(PostsTo("customers", incident));

        await Server.Responder.PutAsync($"/api/v1/incidents/{incident}/public-updates/approval", JsonContent.Create(new { required = true })).ExpectAsync(HttpStatusCode.OK);
        var update = await Server.Responder.PostJsonAsync($"/api/v1/incidents/{incident}/updates", new { text = "Keys rotated." }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["Customers (webhook) held for approval", "Ops (webhook)"], update.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        await RunDueAsync(TimeSpan.Zero);
        Assert.Equal(2, PostsTo("ops", incident).Count);
        Assert.Single(PostsTo("customers", incident));

        var held = Assert.Single(await SendsAsync(incident), s => s.Str("status") == "held");
        await Server.Admin.PostAsync($"/api/v1/incidents/{incident}/stakeholder-sends/{Guid.NewGuid()}/approve", null).ExpectProblemAsync(HttpStatusCode.NotFound);
        var approved = await Server.Admin.PostAsync($"/api/v1/incidents/{incident}/stakeholder-sends/{held.Str("id")}/approve", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("adam", Assert.Single(approved.EnumerateArray()).Str("approvedBy"));
        await RunDueAsync(TimeSpan.Zero);

        Assert.Equal("update", PostsTo("customers", incident)[^1].Json.Str("event"));
        Assert.StartsWith("Keys rotated.", PostsTo("customers", incident)[^1].Json.Str("text"), StringComparison.Ordinal);
    }
}

public sealed class StakeholderApprovalTests_Sqlite(SqliteStakeholderApprovalFixture f) : StakeholderApprovalTests(f), IClassFixture<SqliteStakeholderApprovalFixture>;

public sealed class StakeholderApprovalTests_Postgres(PostgresStakeholderApprovalFixture f) : StakeholderApprovalTests(f), IClassFixture<PostgresStakeholderApprovalFixture>;
