using System.Globalization;
using System.Net;
using Firebreak.Core.Incidents;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Comms;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Tests.Features.Escalation;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Comms;

/// <summary>
/// Stakeholder updates and their cadence on a fake clock: SEV-1 asks for an update every 30 minutes, so the comms lead
/// is reminded at 30 (due) and 45 (overdue) minutes after the last update, once each, from any node, and never once
/// the incident is resolved.
/// </summary>
public abstract class CadenceTests(EngineFixture fixture)
{
    private static readonly TimeSpan s_every = TimeSpan.FromMinutes(30);

    private readonly string _t = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    private async Task<string> DeclareAsync(string severity = "SEV-1", string? service = null)
    {
        var incident = await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = $"Checkout down {_t}", severity, service })
            .ExpectAsync(HttpStatusCode.Created);
        return incident.GetProperty("number").GetInt32().ToString(CultureInfo.InvariantCulture);
    }

    private Task<List<TimelineEntry>> LinesAsync(string incident, string kind)
    {
        var number = int.Parse(incident, CultureInfo.InvariantCulture);
        return Server.WithDbAsync(db => db.TimelineEntries
            .Where(t => db.Set<Incident>().Any(i => i.Id == t.IncidentId && i.Number == number) && t.Kind == kind)
            .OrderBy(t => t.Id).ToListAsync());
    }

    [Fact]
    public async Task PostUpdate_NeedsAResponderAndText_AndGoesOnTheTimelineWithWhoAndWhere_Audited()
    {
        var incident = await DeclareAsync();
        var path = $"/api/v1/incidents/{incident}/updates";

        await Server.Viewer.PostJsonAsync(path, new { text = "All good" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var empty = await Server.Responder.PostJsonAsync(path, new { text = "  " }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await Server.Responder.PostJsonAsync("/api/v1/incidents/999999/updates", new { text = "x" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        var sent = await Server.Responder.PostJsonAsync(path, new { text = "Payments fail for EU; rollback under way." }).ExpectAsync(HttpStatusCode.Created);

        Assert.Contains("text", empty.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal("rita", sent.Str("sentBy"));
        Assert.Equal(Server.Clock.GetUtcNow() + s_every, sent.GetProperty("nextDueAt").GetDateTimeOffset());
        var line = Assert.Single(await LinesAsync(incident, TimelineKind.StakeholderUpdate));
        Assert.Equal("Stakeholder update by rita to nobody subscribed: Payments fail for EU; rollback under way.", line.Text);
        Assert.Equal("rita", line.ActorName);
        Assert.True(await Server.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.Action == "incident.stakeholder_update" && a.Resource == $"incident/{incident}")));
        var listed = await Server.Viewer.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Payments fail for EU; rollback under way.", Assert.Single(listed.EnumerateArray()).Str("text"));
    }

    [Fact]
    public async Task ANewIncidentsCadenceItem_IsDueWhenTheFirstUpdateIs_NotRunBesideTheFirstPage()
    {
        // Run at once, it would only say "look again in 30 minutes", at the cost of a commit while the first page goes out.
        var incident = await DeclareAsync();
        var number = int.Parse(incident, CultureInfo.InvariantCulture);
        var (declared, due) = await Server.WithDbAsync(async db =>
        {
            var row = await db.Set<Incident>().AsNoTracking().SingleAsync(i => i.Number == number);
            var item = await db.WorkItems.AsNoTracking().SingleAsync(w => w.Kind == CadenceReminderHandler.KindName && w.IncidentId == row.Id);
            return (row.DeclaredAt, item.DueAt);
        });

        Assert.Equal(declared + s_every, due);
    }

    [Fact]
    public async Task Reminders_DueThenOverdue_OnceEach_ToTheCommsLead_SurviveARestart_AndStopOnResolve()
    {
        var ann = await fixture.PersonAsync($"ann{_t}");
        var incident = await DeclareAsync();
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{incident}/roles", new { role = "comms_lead", user = $"ann{_t}" }).ExpectAsync(HttpStatusCode.OK);
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(10));
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{incident}/updates", new { text = "Investigating." }).ExpectAsync(HttpStatusCode.Created);

        await fixture.AdvanceAsync(s_every - TimeSpan.FromSeconds(1));
        Assert.Empty(fixture.PagesTo(ann));
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Contains("is due now (updates every 30m)", Assert.Single(fixture.PagesTo(ann)).Text, StringComparison.Ordinal);
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(14));
        Assert.Single(fixture.PagesTo(ann));

        // Another node, started later on the same database, finds the cadence item there: it survives a restart.
        var peer = await Server.StartPeerAsync();
        try
        {
            Server.Clock.Advance(TimeSpan.FromMinutes(1));
            await peer.Services.GetRequiredService<WorkRunner>().RunDueAsync();
            await fixture.Runner.RunDueAsync();
            Assert.Equal(2, fixture.PagesTo(ann).Count);
            Assert.Contains("is overdue (overdue 15 min; updates every 30m)", fixture.PagesTo(ann)[1].Text, StringComparison.Ordinal);
        }
        finally
        {
            await peer.StopAsync();
            await peer.DisposeAsync();
        }

        await fixture.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal(2, fixture.PagesTo(ann).Count);
        await Server.Responder.PostAsync($"/api/v1/incidents/{incident}/resolve", null).ExpectAsync(HttpStatusCode.OK);
        await fixture.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal(2, fixture.PagesTo(ann).Count);
        Assert.False(await Server.WithDbAsync(db => db.WorkItems.AnyAsync(w => w.Kind == CadenceReminderHandler.KindName
            && db.Set<Incident>().Any(i => i.Id == w.IncidentId && i.Number == int.Parse(incident, CultureInfo.InvariantCulture)))));
    }

    [Fact]
    public async Task Preview_RendersTheMostSpecificTemplate_AgainstTheLiveIncident()
    {
        using (var dir = new TempDir())
        {
            dir.Write("config.yaml", $$$"""
                services:
                  - key: svc-{{{_t}}}
                    name: Svc {{{_t}}}
                comms_templates:
                  - kind: update
                    severity: SEV-1
                    body: "Any service: {{ update.text }}"
                  - kind: update
                    severity: SEV-1
                    service: svc-{{{_t}}}
                    subject: "{{ incident.service }} {{ incident.ref }}"
                    body: "{{ incident.severity }} on {{ incident.service }}: {{ update.text }}"
                """);
            using var scope = Server.App.Services.CreateScope();
            var applied = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default);
            Assert.Empty(applied.Errors);
        }

        var onService = await DeclareAsync(service: $"svc-{_t}");
        var plain = await DeclareAsync(severity: "SEV-2");

        var specific = await Server.Viewer.GetAsync($"/api/v1/incidents/{onService}/comms/preview?kind=update&text=Rolling%20back").ExpectAsync(HttpStatusCode.OK);
        var fallback = await Server.Viewer.GetAsync($"/api/v1/incidents/{plain}/comms/preview?kind=update&text=Rolling%20back").ExpectAsync(HttpStatusCode.OK);
        var unknown = await Server.Viewer.GetAsync($"/api/v1/incidents/{plain}/comms/preview?kind=tweet").ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal($"Svc {_t} INC-{onService}", specific.Str("subject"));
        Assert.Equal($"SEV-1 on Svc {_t}: Rolling back", specific.Str("text"));
        Assert.Equal($"[SEV-2] Update on INC-{plain}: Checkout down {_t}", fallback.Str("subject"));
        Assert.StartsWith("Rolling back", fallback.Str("text"), StringComparison.Ordinal);
        Assert.Contains("kind=update", unknown.Str("detail") + unknown.GetProperty("errors").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_WithNobodyToRemind_AreTimelineLines_OnceEach()
    {
        var incident = await DeclareAsync();
        var number = int.Parse(incident, CultureInfo.InvariantCulture);
        await Server.WithDbAsync(db => db.Incidents.Where(i => i.Number == number)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.CommanderId, (long?)null).SetProperty(i => i.CommsLeadId, (long?)null)));

        await fixture.AdvanceAsync(s_every);
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(5));
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(10));
        await fixture.AdvanceAsync(TimeSpan.FromHours(3));

        var lines = (await LinesAsync(incident, TimelineKind.CommsReminder)).Select(l => l.Text).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith($"A stakeholder update for incident #{incident} Checkout down {_t} is due now", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("nobody holds comms lead or commander to remind.", lines[1], StringComparison.Ordinal);
        Assert.Contains("is overdue", lines[1], StringComparison.Ordinal);
    }
}

public sealed class CadenceTests_Sqlite(SqliteEngineFixture f) : CadenceTests(f), IClassFixture<SqliteEngineFixture>;

public sealed class CadenceTests_Postgres(PostgresEngineFixture f) : CadenceTests(f), IClassFixture<PostgresEngineFixture>;
