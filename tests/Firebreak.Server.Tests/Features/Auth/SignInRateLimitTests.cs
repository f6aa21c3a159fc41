using System.Net;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Auth;

public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task PasswordAttempts_OverTheLimit_Get429WithRetryAfter()
    {
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Firebreak:SignInAttemptsPerMinute"] = "3",
        });

        for (var i = 0; i < 3; i++)
        {
            await server.Anonymous.PostJsonAsync("/api/v1/auth/token", new { username = "rita", password = "guess-" + i })
                .ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }

        using var limited = await server.Anonymous.PostJsonAsync("/api/v1/auth/token", new { username = "rita", password = RunningServer.UserPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        // The browser form shares the limit: guessing cannot move from one door to the other.
        using var form = await server.Anonymous.PostAsync("/auth/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "rita", ["password"] = "x" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
    }
}
