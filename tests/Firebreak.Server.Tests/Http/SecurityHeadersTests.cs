using System.Net;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Http;

/// <summary>
/// Headers every response carries, and what a server with no proxy settings trusts. Not per provider: nothing here
/// depends on stored data.
/// </summary>
public sealed class SecurityHeadersTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    public static TheoryData<string, string, string?> Requests => new()
    {
        { "api json", "GET /api/v1/incidents", null },
        { "api problem", "GET /api/v1/no-such-thing", null },
        { "api unauthorized", "GET /api/v1/incidents anonymous", null },
        { "ui page", "GET /login anonymous", null },
        { "static asset", "GET /app.css anonymous", null },
        { "blazor script", "GET /_framework/blazor.web.js anonymous", null },
        { "health", "GET /health/live anonymous", null },
        { "intake problem", "POST /v2/enqueue anonymous", "{\"routing_key\":\"no-such-key-0000000000000000\",\"event_action\":\"trigger\"}" },
        { "intake bad json", "POST /integrations/alertmanager/no-such-key anonymous", "{" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task EveryResponse_SaysNosniff(string what, string request, string? body)
    {
        var parts = request.Split(' ');
        var client = parts.Length > 2 ? Server.Anonymous : Server.Viewer;
        using var message = new HttpRequestMessage(new HttpMethod(parts[0]), parts[1]);
        if (body is not null)
        {
            message.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(message);

        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var values), $"{what}: {(int)response.StatusCode} without X-Content-Type-Options");
        Assert.Equal("nosniff", Assert.Single(values));
    }

    [Fact]
    public async Task WithoutAnHttpsPublicUrl_NoHsts()
    {
        using var response = await Server.Anonymous.GetAsync("/login");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ByDefault_OnlyAProxyOnThisMachine_IsTrustedWithForwardedHeaders()
    {
        // ASP.NET Core's own default (127.0.0.0/8 and ::1): a proxy on the same host works without settings, and a
        // process that can connect from loopback already runs on the server.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = new StringContent("{\"username\":\"nobody-here\",\"password\":\"x\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.5");

        await Server.Anonymous.SendAsync(request).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        var audited = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == "user/nobody-here").Select(a => a.SourceAddress).SingleAsync());
        Assert.Equal("203.0.113.5", audited);
    }
}
