using Firebreak.Cli;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Features.Escalation;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak incident escalation|escalate|reassign</c> on a server whose engine the test runs by hand.</summary>
public sealed class EscalationCommandsTests(SqliteEngineFixture fixture) : IClassFixture<SqliteEngineFixture>
{
    [Fact]
    public async Task Escalation_ShowsNextStepAndDeliveryLog_EscalateAndReassignPage_AckStopsIt()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (ann, bob, cy) = ($"ann-{tag}", $"bob-{tag}", $"cy-{tag}");
        await fixture.PersonAsync(ann);
        await fixture.PersonAsync(bob);
        await fixture.PersonAsync(cy);
        var service = await fixture.ServiceWithPolicyAsync(tag, new
        {
            name = "Payments",
            steps = new[] { new { targets = new[] { $"user:{ann}" }, delay = "5m" }, new { targets = new[] { $"user:{bob}" }, delay = "10m" } },
        });
        var number = await fixture.DeclareAsync(service);
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(30));
        using var responder = await fixture.Server.CliAsAsync(Role.Responder);

        var state = await responder.RunAsync("incident", "escalation", number);
        var escalate = await responder.RunAsync("incident", "escalate", number);
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(1));
        var reassign = await responder.RunAsync("incident", "reassign", number, cy, "--note", "knows the ledger");
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(1));
        var ack = await responder.RunAsync("incident", "ack", number);
        var after = await responder.RunAsync("incident", "escalation", number, "--json");
        var stopped = await responder.RunAsync("incident", "escalation", number);

        AssertExit(ExitCodes.Ok, state);
        Assert.Contains($"Payments (pol-{tag})", state.Out, StringComparison.Ordinal);
        Assert.Contains("step 2 due in 270 s", state.Out, StringComparison.Ordinal);
        Assert.Contains(state.Out.Split('\n'), l => l.Contains(ann, StringComparison.Ordinal) && l.Contains("webhook", StringComparison.Ordinal)
            && l.Contains("sent", StringComparison.Ordinal));
        // Attempts count from 1, as on the incident page.
        Assert.Matches($@"{ann}\s+webhook\s+1\s+sent", state.Out);
        AssertExit(ExitCodes.Ok, escalate);
        Assert.Equal("Escalating to step 2 now.", escalate.Out.Trim());
        Assert.Equal($"Paged {cy}.", reassign.Out.Trim());
        AssertExit(ExitCodes.Ok, ack);
        var people = Json(after).GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("username").GetString()).ToList();
        Assert.Equal([ann, bob, cy], people.Distinct());
        Assert.Contains("stopped: acknowledged", stopped.Out, StringComparison.Ordinal);
        Assert.Single(fixture.PagesTo($"/people/{cy}"));
    }

    [Fact]
    public async Task UnknownIncidentOrUser_AreRefused()
    {
        using var responder = await fixture.Server.CliAsAsync(Role.Responder);

        AssertError(ExitCodes.Refused, "No incident '999999'.", await responder.RunAsync("incident", "escalation", "999999"));
        var number = await fixture.DeclareAsync(await fixture.Server.AddServiceAsync());
        AssertError(ExitCodes.Refused, "No active user 'ghost'.", await responder.RunAsync("incident", "reassign", number, "ghost"));
        AssertError(ExitCodes.Refused, "no escalation policy", await responder.RunAsync("incident", "escalate", number));
    }
}
