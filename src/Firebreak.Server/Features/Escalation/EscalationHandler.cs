using System.Text.Json;
using Firebreak.Core.Escalation;
using Firebreak.Core.Incidents;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Firebreak.Server.Features.Escalation;

/// <summary>
/// Evaluates one incident's escalation: fires every step and condition rule due by now (pages go out as queued
/// deliveries in the same transaction), writes each firing on the timeline, and asks to run again when the next one
/// is due. Steps missed while no node was running all fire: each of those people should have been paged by now.
/// </summary>
public sealed class EscalationHandler : IWorkHandler
{
    public const string KindName = "escalation";

    private static readonly Actor s_engine = new("system", null, "escalation", null);

    public string Kind => KindName;

    public async Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct)
    {
        var db = work.Db;
        // Find, not a query: when an incident's first steps fire in the transaction that opened it, both rows are tracked.
        if (work.Item.IncidentId is not { } incidentId)
        {
            return WorkResult.Done;
        }

        var escalation = await db.IncidentEscalations.FindAsync([incidentId], ct);
        var incident = await db.Incidents.FindAsync([incidentId], ct);
        if (escalation is null || incident is null)
        {
            return WorkResult.Done;
        }

        Escalations.RestartIfRefired(escalation, incident);
        var scheme = await work.Services.GetRequiredService<SeverityCatalog>().GetSchemeAsync(ct);
        var (policy, rules, errors) = Escalations.Build(escalation, scheme);
        if (policy is null)
        {
            EngineLines.Add(work, incident, s_engine, TimelineKind.Escalated,
                $"Escalation policy '{escalation.PolicyName}' cannot run: {string.Join("; ", errors)}");
            return WorkResult.Done;
        }

        var now = Instant.FromDateTimeOffset(work.Now);
        var facts = Escalations.Facts(incident, escalation, scheme);
        var last = escalation.LastFiredDue is { } l ? Instant.FromDateTimeOffset(l) : (Instant?)null;
        foreach (var firing in EscalationPlan.Firings(policy, facts).Where(f => (last is null || f.Due > last) && f.Due <= now))
        {
            await FireStepAsync(work, incident, escalation, policy, firing, ct);
        }

        var fired = Escalations.FiredRules(escalation);
        foreach (var (rule, _) in ConditionRule.Due(rules, facts, fired).Where(r => r.At <= now))
        {
            var summary = await EscalationTargets.PageAsync(db, incident, rule.Notify, $"rule:{rule.Key}", $"condition rule '{rule.Key}'", work.Now, ct);
            EngineLines.Add(work, incident, s_engine, TimelineKind.ConditionRuleFired, $"Condition rule '{rule.Key}' fired: {summary.Describe()}");
            fired.Add(rule.Key);
        }

        escalation.FiredRulesJson = JsonSerializer.Serialize(fired.Order(StringComparer.Ordinal));
        var after = escalation.LastFiredDue is { } lf ? Instant.FromDateTimeOffset(lf) : (Instant?)null;
        var next = new[]
        {
            EscalationPlan.NextDue(policy, facts, after)?.Due,
            ConditionRule.Due(rules, facts, fired).Select(r => (Instant?)r.At).FirstOrDefault(),
        }.OfType<Instant>().Select(i => i < now ? now : i).DefaultIfEmpty().Min();
        return next == default ? WorkResult.Done : WorkResult.At(next.ToDateTimeOffset());
    }

    private static async Task FireStepAsync(WorkContext work, Incident incident, IncidentEscalation escalation, EscalationPolicy policy, EscalationFiring firing, CancellationToken ct)
    {
        var step = policy.Steps[firing.Step];
        var where = $"step {firing.Step + 1} of '{escalation.PolicyName}'{(firing.Round > 0 ? $", repeat {firing.Round}" : "")}";
        // A run restarted by a re-fire pages the same steps again; a cause of its own keeps each page's idempotency key new.
        var run = incident.RefiredAt == escalation.StartedAt ? $"@{escalation.StartedAt.ToUnixTimeSeconds()}" : "";
        var summary = await EscalationTargets.PageAsync(work.Db, incident, step.Targets, $"step:{firing.Step}:{firing.Round}{run}", where, work.Now, ct);
        var next = firing.Step + 1 < policy.Steps.Count || firing.Round < policy.Repeats
            ? $"; next step in {step.Delay.TotalMinutes:0.#} min unless acknowledged"
            : "; this is the last step";
        EngineLines.Add(work, incident, s_engine, TimelineKind.Escalated,
            $"Escalation {where}{(firing.Manual ? " (escalated by hand)" : "")}: {summary.Describe()}{next}");
        escalation.LastFiredDue = firing.Due.ToDateTimeOffset();
        escalation.StepsFired++;
    }
}
