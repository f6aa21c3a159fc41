using System.Net;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Notifications;

/// <summary>An acknowledge link acknowledges only for a person who may acknowledge now; once per provider.</summary>
public abstract class AckLinkRoleTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private async Task<(long Id, string Slug)> IncidentAsync()
    {
        var created = await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = $"Ack {Guid.NewGuid():N}", severity = "SEV-2" })
            .ExpectAsync(HttpStatusCode.Created);
        var slug = created.Str("slug");
        return (await Server.WithDbAsync(db => db.Incidents.Where(i => i.Slug == slug).Select(i => i.Id).SingleAsync()), slug);
    }

    private async Task<string> LinkAsync(long incidentId, string username)
    {
        var userId = await Server.WithDbAsync(db => db.Users.Where(u => u.Username == username).Select(u => u.Id).SingleAsync());
        var links = Server.App.Services.GetRequiredService<PublicLinks>();
        return (await links.AcknowledgeAsync(incidentId, userId, Server.Clock.GetUtcNow(), default)).AbsolutePath;
    }

    private Task<bool> AcknowledgedAsync(long id) =>
        Server.WithDbAsync(db => db.Incidents.Where(i => i.Id == id).Select(i => i.AcknowledgedAt != null).SingleAsync());

    [Fact]
    public async Task AckLink_OfAViewer_IsRefused_AndAcknowledgesNothing()
    {
        var (id, _) = await IncidentAsync();
        var link = await LinkAsync(id, "vera");

        using var shown = await Server.Anonymous.GetAsync(link);
        using var post = await Server.Anonymous.PostAsync(link, null);

        Assert.Equal(HttpStatusCode.Forbidden, shown.StatusCode);
        Assert.DoesNotContain("id=\"acknowledge\"", await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("viewer", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await AcknowledgedAsync(id));
    }

    [Fact]
    public async Task AckLink_OfSomeoneDemotedToViewerAfterItWasSent_IsRefused()
    {
        var name = $"ack{Guid.NewGuid():N}"[..16];
        await Server.CreateUserWithTokenAsync(name, Role.Responder);
        var (id, _) = await IncidentAsync();
        var link = await LinkAsync(id, name);

        await Server.WithDbAsync(db => db.Users.Where(u => u.Username == name).ExecuteUpdateAsync(u => u.SetProperty(x => x.Role, Role.Viewer)));
        using var post = await Server.Anonymous.PostAsync(link, null);

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.False(await AcknowledgedAsync(id));
    }

    [Fact]
    public async Task AckLink_OfADisabledResponder_IsRefused_AndOfAResponderWorks()
    {
        var name = $"ack{Guid.NewGuid():N}"[..16];
        await Server.CreateUserWithTokenAsync(name, Role.Responder);
        var (id, _) = await IncidentAsync();
        var link = await LinkAsync(id, name);

        await Server.WithDbAsync(db => db.Users.Where(u => u.Username == name).ExecuteUpdateAsync(u => u.SetProperty(x => x.Disabled, true)));
        using (var refused = await Server.Anonymous.PostAsync(link, null))
        {
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }

        Assert.False(await AcknowledgedAsync(id));
        await Server.WithDbAsync(db => db.Users.Where(u => u.Username == name).ExecuteUpdateAsync(u => u.SetProperty(x => x.Disabled, false)));
        using var ok = await Server.Anonymous.PostAsync(link, null);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(await AcknowledgedAsync(id));
    }
}

public sealed class AckLinkRoleTests_Sqlite(SqliteServerFixture f) : AckLinkRoleTests(f), IClassFixture<SqliteServerFixture>;

public sealed class AckLinkRoleTests_Postgres(PostgresServerFixture f) : AckLinkRoleTests(f), IClassFixture<PostgresServerFixture>;
