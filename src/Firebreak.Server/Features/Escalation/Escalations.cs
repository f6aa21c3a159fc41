using System.Text.Json;
using Firebreak.Core.Escalation;
using Firebreak.Core.Severity;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Firebreak.Server.Features.Escalation;

/// <summary>Starting and steering an incident's escalation. Nothing here saves: changes commit with the caller's.</summary>
public static class Escalations
{
    /// <summary>
    /// Snapshots the service's policy onto a new incident, or <paramref name="defaultPolicy"/> when the service has none
    /// (or there is no service); its first evaluation is queued once the incident has an id
    /// (<see cref="FireOpeningStepsAsync"/>). Without either, the incident pages nobody, and says so.
    /// </summary>
    public static async Task StartAsync(
        FirebreakDb db, TableCache<EscalationPolicyRecord> policies, Incident incident, Service? service, string? defaultPolicy, DateTimeOffset now, CancellationToken ct)
    {
        var rows = service?.EscalationPolicyId is not null || defaultPolicy is not null ? await policies.GetAsync(db, ct) : [];
        var policy = service?.EscalationPolicyId is { } policyId
            ? rows.FirstOrDefault(p => p.Id == policyId)
            : rows.FirstOrDefault(p => p.Key == defaultPolicy);
        if (policy is null)
        {
            return;
        }

        db.IncidentEscalations.Add(new IncidentEscalation
        {
            Incident = incident,
            PolicyKey = policy.Key,
            PolicyName = policy.Name,
            SpecJson = policy.SpecJson,
            StartedAt = now,
        });
    }

    /// <summary>The policy snapshot of a test event that pages only its sender: one step, never repeated.</summary>
    public const string TestSenderPolicyKey = "test-sender";

    /// <summary>
    /// Starts a test event's escalation with a one-step policy paging only <paramref name="sender"/>, through their own
    /// contact methods, so the whole path is exercised without waking whoever is on call.
    /// </summary>
    public static void StartForTestSender(FirebreakDb db, Incident incident, string sender, DateTimeOffset now) =>
        db.IncidentEscalations.Add(new IncidentEscalation
        {
            Incident = incident,
            PolicyKey = TestSenderPolicyKey,
            PolicyName = $"Test: only {sender}",
            SpecJson = JsonSerializer.Serialize(new PolicySpec([new StepSpec([PolicySpec.Describe(EscalationTarget.User(sender))], "5m")]), EscalationPolicyService.Json),
            StartedAt = now,
        });

    /// <summary>
    /// Queues the first evaluation of each escalation started with <paramref name="opened"/> and runs what is due at
    /// once (step 1, rules already true) inside the caller's transaction, before the save that stores the incidents.
    /// Escalations beyond <paramref name="max"/> (so a storm does not hold up intake) are left queued for this node's
    /// engine, which runs them just after the commit.
    /// </summary>
    public static async Task FireOpeningStepsAsync(FirebreakDb db, IServiceProvider services, IReadOnlyList<OpenedIncident> opened, CancellationToken ct, int max = 20)
    {
        var started = TrackedEntries.Of<IncidentEscalation>(db).Select(e => e.Entity.IncidentId).ToHashSet();
        var queued = opened.Where(o => started.Contains(o.Incident.Id))
            .Select(o => (o.Now, Item: WorkQueue.Add(db, EscalationHandler.KindName, o.Now, o.Now, incidentId: o.Incident.Id)))
            .ToList();
        if (queued.Count == 0)
        {
            return;
        }

        var handler = services.GetServices<IWorkHandler>().OfType<EscalationHandler>().Single();
        foreach (var (at, item) in queued.Take(max))
        {
            // Open pages hear about the new incident from the caller once it commits, so after-commit notices are dropped.
            var result = await handler.HandleAsync(new WorkContext(db, item, at, services), ct);
            if (result.RunAgainAt is { } again)
            {
                item.DueAt = again;
                item.RunHere = again <= at;
            }
            else
            {
                db.WorkItems.Remove(item);
            }
        }
    }

    /// <summary>
    /// Makes the escalation look at the incident again now (severity changed, someone pressed "escalate now").
    /// Returns false when the incident has no escalation.
    /// </summary>
    public static async Task<bool> NudgeAsync(FirebreakDb db, long incidentId, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.IncidentEscalations.AnyAsync(e => e.IncidentId == incidentId, ct))
        {
            return false;
        }

        var item = await db.WorkItems.FirstOrDefaultAsync(w => w.IncidentId == incidentId && w.Kind == EscalationHandler.KindName, ct);
        if (item is null)
        {
            WorkQueue.Add(db, EscalationHandler.KindName, now, now, incidentId: incidentId);
        }
        else if (item.DueAt > now && item.LeaseOwner is null)
        {
            item.DueAt = now;
        }
        else if (item.LeaseOwner is not null)
        {
            // Being evaluated right now, perhaps on facts from before this change; look once more afterwards.
            WorkQueue.Add(db, EscalationHandler.KindName, now, now, incidentId: incidentId);
        }

        return true;
    }

    public static IReadOnlyList<DateTimeOffset> EscalatedNow(IncidentEscalation e) =>
        JsonSerializer.Deserialize<List<DateTimeOffset>>(e.EscalatedNowJson) ?? [];

    public static HashSet<string> FiredRules(IncidentEscalation e) =>
        JsonSerializer.Deserialize<HashSet<string>>(e.FiredRulesJson) ?? [];

    /// <summary>
    /// Starts the escalation over from step 1 when an alert fired again after it started (the incident was in monitoring):
    /// the earlier run was answered, this one is not yet. Returns whether it did. Condition rules that fired stay fired.
    /// </summary>
    public static bool RestartIfRefired(IncidentEscalation escalation, Incident incident)
    {
        if (incident.RefiredAt is not { } refired || refired <= escalation.StartedAt)
        {
            return false;
        }

        escalation.StartedAt = refired;
        escalation.LastFiredDue = null;
        escalation.EscalatedNowJson = "[]";
        return true;
    }

    /// <summary>
    /// The facts escalation and condition rules are evaluated on, as the incident stands. Milestones reached before this
    /// run started (the mitigation a re-fire proved wrong) belong to the earlier run; the standing acknowledgement is the
    /// one that stops paging.
    /// </summary>
    public static IncidentFacts Facts(Incident incident, IncidentEscalation escalation, SeverityScheme scheme)
    {
        var level = scheme.Levels.FirstOrDefault(l => l.Key == incident.SeverityKey);
        Instant? Since(DateTimeOffset? t) => t is { } v && v >= escalation.StartedAt ? At(v) : null;
        return new IncidentFacts(Instant.FromDateTimeOffset(escalation.StartedAt))
        {
            SeverityRank = level?.Rank,
            Targets = level?.Targets ?? ResponseTargets.None,
            Acknowledged = incident.RefiredAt is null ? At(incident.LastAcknowledgedAt) : Since(incident.LastAcknowledgedAt),
            Mitigated = incident.RefiredAt is null ? At(incident.MitigatedAt) : Since(incident.MitigatedAt),
            Resolved = At(incident.ResolvedAt),
            EscalatedNow = [.. EscalatedNow(escalation).Select(Instant.FromDateTimeOffset)],
        };
    }

    public static (EscalationPolicy? Policy, IReadOnlyList<ConditionRule> Rules, IReadOnlyList<string> Errors) Build(IncidentEscalation escalation, SeverityScheme scheme) =>
        EscalationPolicyService.ReadSpec(escalation.SpecJson)
            .Build(key => scheme.Levels.FirstOrDefault(l => string.Equals(l.Key, key, StringComparison.OrdinalIgnoreCase))?.Rank);

    private static Instant? At(DateTimeOffset? t) => t is { } v ? Instant.FromDateTimeOffset(v) : null;
}
