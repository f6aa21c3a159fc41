using Firebreak.Cli;
using Firebreak.Server.Tests.Support;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary>Nothing starting with <c>--</c> is ever taken as a title or an option's value (issue 11 #15).</summary>
public sealed class OptionLikeValueTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    private CliHarness Responder() => new(Server.BaseAddress, Server.ResponderToken);

    [Fact]
    public async Task Declare_UnknownOptionWhereTheTitleGoes_ExitsTwoNamingItAndDeclaresNothing()
    {
        using var cli = Responder();

        var run = await cli.RunAsync("incident", "declare", "--dry-run", "-s", "SEV-4");

        AssertError(ExitCodes.Usage, "'--dry-run'", run);
        Assert.Contains("--help' for usage.", run.Error, StringComparison.Ordinal);
        var list = await cli.RunAsync("incident", "list", "--json");
        Assert.DoesNotContain(Json(list).EnumerateArray(), i => i.Str("title") == "--dry-run");
    }

    [Theory]
    [InlineData("--service", "--dry-run")]
    [InlineData("--service", "--severity")]
    [InlineData("--impact", "--commander")]
    public async Task Declare_OptionFollowedByAnOption_ExitsTwoSayingTheValueIsMissing(string option, string next)
    {
        using var cli = Responder();
        var title = $"Option-like value {Guid.NewGuid():N}";

        var run = await cli.RunAsync("incident", "declare", title, option, next, "SEV-4");

        AssertError(ExitCodes.Usage, $"Missing value for {option}", run);
        Assert.Empty(run.Out);
        var list = await cli.RunAsync("incident", "list", "--json");
        Assert.DoesNotContain(Json(list).EnumerateArray(), i => i.Str("title") == title);
    }

    [Fact]
    public async Task Option_ValueGivenWithEqualsThatLooksLikeAnOption_ExitsTwoSayingTheValueIsMissing()
    {
        using var cli = Responder();

        var run = await cli.RunAsync("incident", "list", "--service=--open");

        AssertError(ExitCodes.Usage, "Missing value for --service", run);
    }

    [Fact]
    public async Task List_UnknownOption_ExitsTwoNamingIt()
    {
        using var cli = Responder();

        var run = await cli.RunAsync("incident", "list", "--bogus");

        AssertError(ExitCodes.Usage, "--bogus", run);
    }
}
