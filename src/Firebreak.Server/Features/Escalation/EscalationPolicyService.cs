using System.Text.Json;
using System.Text.RegularExpressions;
using Firebreak.Core.Escalation;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.OnCall;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Escalation;

public sealed record PolicyRequest(string? Name, string? Description, List<StepSpec>? Steps, int? Repeats, List<RuleSpec>? Rules);

public sealed record PolicyDto(
    string Key, string Name, string? Description, IReadOnlyList<StepSpec> Steps, int Repeats, IReadOnlyList<RuleSpec> Rules,
    IReadOnlyList<string> Services, DateTimeOffset UpdatedAt);

public sealed record ServicePolicyRequest(string? Policy);

/// <summary>Severities, users and schedules config creates in the same transaction as a policy that names them.</summary>
internal sealed record PendingNames(Core.Severity.SeverityScheme Scheme, IEnumerable<string> Users, IEnumerable<string> Schedules);

/// <summary>Escalation policies: saved as written, validated through the domain (severities, users and schedules must
/// exist), and pointed at by services.</summary>
public sealed partial class EscalationPolicyService(FirebreakDb db, AuditLog audit, TimeProvider clock, SeverityCatalog severities)
{
    internal static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public async Task<IReadOnlyList<PolicyDto>> ListAsync(CancellationToken ct)
    {
        var rows = await db.EscalationPolicies.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        var services = await db.Services.AsNoTracking().Where(s => s.EscalationPolicyId != null).Select(s => new { s.Key, s.EscalationPolicyId }).ToListAsync(ct);
        return [.. rows.Select(r => ToDto(r, [.. services.Where(s => s.EscalationPolicyId == r.Id).Select(s => s.Key)]))];
    }

    public async Task<Outcome<PolicyDto>> GetAsync(string key, CancellationToken ct)
    {
        var row = await db.EscalationPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, ct);
        return row is null ? Failure.NotFound($"No escalation policy '{key}'.") : ToDto(row, await ServicesOfAsync(row.Id, ct));
    }

    /// <summary>Creates or replaces the policy at <paramref name="key"/>. Incidents already open keep the policy they
    /// opened with.</summary>
    public async Task<Outcome<PolicyDto>> PutAsync(Actor actor, string key, PolicyRequest request, CancellationToken ct)
    {
        var staged = await StagePutAsync(actor, key, request, null, ct);
        if (staged.Value is not { } row)
        {
            return new Outcome<PolicyDto>(staged.Kind, null, staged.Error, staged.FieldErrors);
        }

        await db.SaveChangesAsync(ct);
        return ToDto(row, await ServicesOfAsync(row.Id, ct));
    }

    /// <summary>
    /// Validates and stages a create-or-replace with its audit event, unsaved: PUT saves it at once, config apply together
    /// with the rest of the config, so both write policies the same way. <paramref name="pending"/> names what config
    /// creates in the same transaction, which the database does not hold yet.
    /// </summary>
    internal async Task<Outcome<EscalationPolicyRecord>> StagePutAsync(Actor actor, string key, PolicyRequest request, PendingNames? pending, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsKey(key))
        {
            errors["key"] = ["Use 1–64 lowercase letters, digits and dashes for a policy key, e.g. 'payments'."];
        }

        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["Give the policy a name of 1–200 characters."];
        }

        var spec = new PolicySpec(request.Steps ?? [], request.Repeats ?? 0, request.Rules ?? []);
        var problems = await ProblemsAsync(spec, pending, ct);
        if (problems.Count > 0)
        {
            errors["steps"] = [.. problems];
        }

        if (errors.Count > 0)
        {
            // Name the person in the detail too: "One or more fields are invalid" tells an admin nothing at 3 a.m.
            var viewers = problems.Where(p => p.Contains(" is a viewer;", StringComparison.Ordinal)).ToList();
            return viewers.Count > 0 ? new Failure(OutcomeKind.Invalid, string.Join(" ", viewers), errors) : Failure.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var row = db.EscalationPolicies.Local.FirstOrDefault(p => p.Key == key) ?? await db.EscalationPolicies.FirstOrDefaultAsync(p => p.Key == key, ct);
        var created = row is null;
        row ??= db.EscalationPolicies.Add(new EscalationPolicyRecord { Key = key, Name = name!, SpecJson = "{}" }).Entity;
        row.Name = name!;
        row.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        row.SpecJson = JsonSerializer.Serialize(spec, Json);
        row.UpdatedAt = now;
        audit.Record(actor, created ? "escalation_policy.create" : "escalation_policy.update", $"escalation-policy/{key}",
            $"{spec.Steps.Count} step(s), {spec.Repeats} repeat(s), {spec.Rules!.Count} rule(s)");
        return row;
    }

    public async Task<Outcome<PolicyDto>> DeleteAsync(Actor actor, string key, CancellationToken ct)
    {
        var row = await db.EscalationPolicies.FirstOrDefaultAsync(p => p.Key == key, ct);
        if (row is null)
        {
            return Failure.NotFound($"No escalation policy '{key}'.");
        }

        var services = await ServicesOfAsync(row.Id, ct);
        if (services.Count > 0)
        {
            return Failure.Conflict($"Services {string.Join(", ", services)} use policy '{key}'; point them at another policy first.");
        }

        db.EscalationPolicies.Remove(row);
        audit.Record(actor, "escalation_policy.delete", $"escalation-policy/{key}", row.Name);
        await db.SaveChangesAsync(ct);
        return ToDto(row, []);
    }

    /// <summary>Points a service at a policy (or at none with a null policy); new incidents of the service use it.</summary>
    public async Task<Outcome<PolicyDto?>> AssignAsync(Actor actor, string serviceKey, ServicePolicyRequest request, CancellationToken ct)
    {
        var service = await db.Services.FirstOrDefaultAsync(s => s.Key == serviceKey, ct);
        if (service is null)
        {
            return Failure.NotFound($"No service '{serviceKey}'.");
        }

        EscalationPolicyRecord? policy = null;
        if (!string.IsNullOrWhiteSpace(request.Policy))
        {
            policy = await db.EscalationPolicies.FirstOrDefaultAsync(p => p.Key == request.Policy, ct);
            if (policy is null)
            {
                return Failure.Invalid("policy", $"No escalation policy '{request.Policy}'.");
            }
        }

        StageAssign(actor, service, policy);
        await db.SaveChangesAsync(ct);
        return policy is null ? (PolicyDto?)null : ToDto(policy, await ServicesOfAsync(policy.Id, ct));
    }

    /// <summary>
    /// Stages pointing <paramref name="service"/> at <paramref name="policy"/> (or none), audited and unsaved. Either may
    /// be new in this unit of work; setting the foreign key through EF's entry carries a new policy's temporary key, which
    /// EF replaces with the real one when it inserts the policy first.
    /// </summary>
    internal void StageAssign(Actor actor, Service service, EscalationPolicyRecord? policy)
    {
        db.Entry(service).Property(s => s.EscalationPolicyId).CurrentValue = policy is null ? null : db.Entry(policy).Property(p => p.Id).CurrentValue;
        audit.Record(actor, "service.escalation_policy", $"service/{service.Key}", policy?.Key ?? "(none)");
    }

    /// <summary>Everything wrong with a policy, including users, schedules and severities that do not exist.</summary>
    public Task<IReadOnlyList<string>> ProblemsAsync(PolicySpec spec, CancellationToken ct) => ProblemsAsync(spec, null, ct);

    internal async Task<IReadOnlyList<string>> ProblemsAsync(PolicySpec spec, PendingNames? pending, CancellationToken ct)
    {
        var scheme = pending?.Scheme ?? await severities.GetSchemeAsync(ct);
        var (_, _, problems) = spec.Build(key => scheme.Levels.FirstOrDefault(l => string.Equals(l.Key, key, StringComparison.OrdinalIgnoreCase))?.Rank);
        var found = new List<string>(problems);
        var targets = spec.AllTargets().ToList();
        var users = targets.OfType<UserTarget>().Select(t => t.UserId).ToList();
        var known = await db.Users.Where(u => users.Contains(u.Username)).Select(u => u.Username).ToListAsync(ct);
        known.AddRange(pending?.Users ?? []);
        found.AddRange(users.Except(known).Select(u => $"no user '{u}'"));
        found.AddRange((await PagingEligibility.ViewersAsync(db, users, ct)).Select(PagingEligibility.ViewerProblem));
        var schedules = targets.OfType<ScheduleTarget>().Select(t => t.ScheduleId).ToList();
        var knownSchedules = await db.Schedules.Where(s => schedules.Contains(s.Key)).Select(s => s.Key).ToListAsync(ct);
        knownSchedules.AddRange(pending?.Schedules ?? []);
        found.AddRange(schedules.Except(knownSchedules).Select(s => $"no schedule '{s}'"));
        return found;
    }

    private async Task<IReadOnlyList<string>> ServicesOfAsync(long policyId, CancellationToken ct) =>
        await db.Services.AsNoTracking().Where(s => s.EscalationPolicyId == policyId).OrderBy(s => s.Key).Select(s => s.Key).ToListAsync(ct);

    internal static bool IsKey(string key) => KeyShape().IsMatch(key);

    internal static PolicySpec ReadSpec(string json) => JsonSerializer.Deserialize<PolicySpec>(json, Json) ?? new PolicySpec([]);

    private static PolicyDto ToDto(EscalationPolicyRecord row, IReadOnlyList<string> services)
    {
        var spec = ReadSpec(row.SpecJson);
        return new PolicyDto(row.Key, row.Name, row.Description, spec.Steps, spec.Repeats, spec.Rules ?? [], services, row.UpdatedAt);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex KeyShape();
}
