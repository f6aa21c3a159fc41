using Firebreak.Core.Intake;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake;

public sealed record IntakeResult(string DedupKey, string Outcome, long? AlertId, int? IncidentNumber);

/// <summary>Asks a test event to page whoever is on call for real; by default it pages only its sender.</summary>
public sealed record TestEventRequest(bool PageOnCall = false);

/// <summary>What a test event did; <see cref="Pages"/> is <c>sender</c> or <c>on-call</c>.</summary>
public sealed record TestEventResult(string DedupKey, string Outcome, long? AlertId, int? IncidentNumber, string Pages)
{
    public const string Sender = "sender";
    public const string OnCall = "on-call";
}

public static class IntakeOutcome
{
    public const string Created = "created";
    public const string Appended = "appended";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
    public const string Ignored = "ignored";
    public const string Dropped = "dropped";
    public const string Suppressed = "suppressed";
    public const string Released = "released";
}

/// <summary>
/// Turns alert signals into alerts and incidents through the group-commit writer: a sender's 2xx means everything it
/// sent is stored.
/// </summary>
public sealed class IntakeService(IntakeWriter writer, IServiceProvider services)
{
    public Task<IReadOnlyList<IntakeResult>> ProcessAsync(Integration integration, IReadOnlyList<AlertSignal> signals, string? sourceAddress, CancellationToken ct) =>
        writer.SubmitAsync(integration, signals, sourceAddress).WaitAsync(ct);

    /// <summary>
    /// Runs a synthetic trigger through the real intake path, so an admin sees exactly what a sender would cause. Shared
    /// by the API and the web UI so both behave the same.
    /// </summary>
    public async Task<Outcome<TestEventResult>> SendTestEventAsync(long integrationId, Actor sender, TestEventRequest request, CancellationToken ct)
    {
        // Resolved here, not in the constructor: the intake endpoints take this service on every request, and a
        // DbContext per request would cost more than the request itself when the integration is cached.
        var db = services.GetRequiredService<FirebreakDb>();
        var integration = await db.Integrations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == integrationId, ct);
        if (integration is null)
        {
            return Failure.NotFound($"No integration {integrationId}.");
        }

        var signal = new AlertSignal(AlertAction.Trigger, $"firebreak-test-{Guid.NewGuid():N}",
            Summary: $"Test event from Firebreak, sent by {sender.Name}", Source: "firebreak", Severity: AlertSeverity.Info,
            Labels: new Dictionary<string, string> { ["alertname"] = "FirebreakTest" },
            Test: new TestEvent(sender.Name, request.PageOnCall));
        var result = (await ProcessAsync(integration, [signal], sender.SourceAddress, ct))[0];
        return new TestEventResult(result.DedupKey, result.Outcome, result.AlertId, result.IncidentNumber,
            request.PageOnCall ? TestEventResult.OnCall : TestEventResult.Sender);
    }
}
