using Firebreak.Core.Intake;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake;

public sealed record IntakeResult(string DedupKey, string Outcome, long? AlertId, int? IncidentNumber);

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
    public async Task<Outcome<IntakeResult>> SendTestEventAsync(long integrationId, string? sentBy, string? sourceAddress, CancellationToken ct)
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
            Summary: $"Test event from Firebreak, sent by {sentBy ?? "an admin"}", Source: "firebreak", Severity: AlertSeverity.Info,
            Labels: new Dictionary<string, string> { ["alertname"] = "FirebreakTest" });
        var results = await ProcessAsync(integration, [signal], sourceAddress, ct);
        return results[0];
    }
}
