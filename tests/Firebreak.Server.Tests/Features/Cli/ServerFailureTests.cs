using System.Net;
using System.Text;
using Firebreak.Cli;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary>How the CLI reports a server that fails or stays silent, with a stub in place of the network.</summary>
public sealed class ServerFailureTests
{
    private static readonly Uri s_url = new("http://firebreak.test/ops/");

    private sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return respond(request, cancellationToken);
        }
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, string mediaType) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    [Fact]
    public async Task List_BehindAProxyPath_KeepsThePathAndSendsTheToken()
    {
        using var handler = new StubHandler((_, _) => Task.FromResult(Answer(HttpStatusCode.OK, "[]", "application/json")));
        using var cli = new CliHarness(s_url, "fbk_secret") { Handler = handler };

        var run = await cli.RunAsync("incident", "list", "--open", "--limit", "5");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("No incidents match.", run.Out.Trim());
        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://firebreak.test/ops/api/v1/incidents?open=true&limit=5", request.RequestUri!.ToString());
        Assert.Equal("Bearer fbk_secret", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task List_ServerError_ExitsFourNamingTheUrlAndTheProblem()
    {
        const string problem = """{"title":"Internal error","status":500,"detail":"The database is unavailable."}""";
        using var handler = new StubHandler((_, _) => Task.FromResult(Answer(HttpStatusCode.InternalServerError, problem, "application/problem+json")));
        using var cli = new CliHarness(s_url, "fbk_secret") { Handler = handler };

        var run = await cli.RunAsync("incident", "list");

        Assert.Equal(ExitCodes.Unavailable, run.ExitCode);
        Assert.Contains(s_url.ToString(), run.Error, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", run.Error, StringComparison.Ordinal);
        Assert.Contains("The database is unavailable.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_ProxyAnswersHtml_ExitsFourWithTheStatusLine()
    {
        using var handler = new StubHandler((_, _) => Task.FromResult(Answer(HttpStatusCode.BadGateway, "<html>nginx</html>", "text/html")));
        using var cli = new CliHarness(s_url, "fbk_secret") { Handler = handler };

        var run = await cli.RunAsync("incident", "show", "42");

        Assert.Equal(ExitCodes.Unavailable, run.ExitCode);
        Assert.Contains("HTTP 502", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("<html>", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ServerNeverAnswers_ExitsFourAfterTheTimeout()
    {
        using var handler = new StubHandler(async (_, ct) =>
        {
            await Task.Delay(System.Threading.Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var cli = new CliHarness(s_url, "fbk_secret") { Handler = handler, Timeout = TimeSpan.FromMilliseconds(100) };

        var run = await cli.RunAsync("incident", "list");

        Assert.Equal(ExitCodes.Unavailable, run.ExitCode);
        Assert.Contains($"{s_url} did not answer within 0.1 seconds", run.Error, StringComparison.Ordinal);
    }
}
