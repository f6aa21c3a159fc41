using System.Text.RegularExpressions;
using Firebreak.Core.Maintenance;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Catalog;

/// <param name="Team">A team key; empty for no team.</param>
/// <param name="EscalationPolicy">A policy key; empty for none, so nobody is paged.</param>
/// <param name="AutoResolve">resolved or monitoring: where an incident goes when all its alerts resolve.</param>
public sealed record ServiceRequest(
    string? Key, string? Name, string? Description, string? Team, string? TimeZone, string? EscalationPolicy, string? AutoResolve);

public sealed record ServiceDto(
    string Key, string Name, string? Description, string? Team, string? TimeZone, string? EscalationPolicy, string AutoResolve);

/// <summary>
/// Services written through the API and the UI, checked as config checks them (key shape, known team and policy, IANA
/// zone, auto-resolve) and audited with what changed. Config apply still upserts the services its file lists and leaves
/// the others alone.
/// </summary>
public sealed partial class ServiceDirectory(FirebreakDb db, AuditLog audit, IServicePolicies policies)
{
    public const string NoValue = "(none)";

    public async Task<IReadOnlyList<ServiceDto>> ListAsync(CancellationToken ct)
    {
        var keys = await PolicyKeysAsync(ct);
        var rows = await db.Services.AsNoTracking().Include(s => s.OwnerTeam).OrderBy(s => s.Name).ToListAsync(ct);
        return [.. rows.Select(s => ToDto(s, keys))];
    }

    public async Task<Outcome<ServiceDto>> GetAsync(string key, CancellationToken ct) =>
        await db.Services.AsNoTracking().Include(s => s.OwnerTeam).FirstOrDefaultAsync(s => s.Key == key, ct) is { } row
            ? ToDto(row, await PolicyKeysAsync(ct))
            : Failure.NotFound($"No service '{key}'.");

    public async Task<Outcome<ServiceDto>> CreateAsync(Actor actor, ServiceRequest request, CancellationToken ct)
    {
        var key = request.Key?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (!KeyShape().IsMatch(key))
        {
            errors["key"] = ["Use 1–64 lowercase letters, digits and dashes for a service key, e.g. 'payments-api'."];
        }

        var service = new Service { Key = key, Name = "" };
        var policyList = await policies.ListAsync(ct);
        await ApplyAsync(service, request with { Name = request.Name ?? "" }, policyList, errors, ct);
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        if (await db.Services.AnyAsync(s => s.Key == key, ct))
        {
            return Failure.Conflict($"A service '{key}' already exists; edit it instead, or choose another key.");
        }

        db.Services.Add(service);
        var dto = ToDto(service, policyList.ToDictionary(p => p.Id, p => p.Key));
        audit.Record(actor, "service.create", $"service/{key}", Describe(dto));
        await db.SaveChangesAsync(ct);
        return dto;
    }

    /// <summary>Changes the fields given; a field left out stays as it is, an empty team or policy clears it.</summary>
    public async Task<Outcome<ServiceDto>> UpdateAsync(Actor actor, string key, ServiceRequest request, CancellationToken ct)
    {
        var service = await db.Services.Include(s => s.OwnerTeam).FirstOrDefaultAsync(s => s.Key == key, ct);
        if (service is null)
        {
            return Failure.NotFound($"No service '{key}'.");
        }

        if (request.Key is { } newKey && newKey.Trim() != key)
        {
            return Failure.Invalid("key", "A service's key cannot change: alerts, integrations and config refer to it. Create a new service instead.");
        }

        var policyList = await policies.ListAsync(ct);
        var keys = policyList.ToDictionary(p => p.Id, p => p.Key);
        var before = ToDto(service, keys);
        var errors = new Dictionary<string, string[]>();
        await ApplyAsync(service, request, policyList, errors, ct);
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        var after = ToDto(service, keys);
        var changes = Changes(before, after);
        if (changes.Length > 0)
        {
            audit.Record(actor, "service.update", $"service/{key}", changes);
            await db.SaveChangesAsync(ct);
        }

        return after;
    }

    public async Task<IReadOnlyList<(string Key, string Name)>> TeamsAsync(CancellationToken ct) =>
        [.. (await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Key, t.Name }).ToListAsync(ct)).Select(t => (t.Key, t.Name))];

    public Task<IReadOnlyList<PolicyOption>> PoliciesAsync(CancellationToken ct) => policies.ListAsync(ct);

    private async Task ApplyAsync(Service service, ServiceRequest request, IReadOnlyList<PolicyOption> policyList, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (request.Name is { } name)
        {
            name = name.Trim();
            if (name.Length is 0 or > 200)
            {
                errors["name"] = ["Give the service a name of 1–200 characters."];
            }

            service.Name = name;
        }

        if (request.Description is { } description)
        {
            service.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        }

        if (request.Team is { } teamKey)
        {
            teamKey = teamKey.Trim();
            var team = teamKey.Length == 0 ? null : await db.Teams.FirstOrDefaultAsync(t => t.Key == teamKey, ct);
            if (teamKey.Length > 0 && team is null)
            {
                errors["team"] = [$"No team '{teamKey}'; teams are defined in config (teams:)."];
            }

            service.OwnerTeam = team;
            service.OwnerTeamId = team?.Id;
        }

        if (request.TimeZone is { } zone)
        {
            zone = zone.Trim();
            if (zone.Length > 0 && MaintenanceScheduleParser.Zone(zone) is null)
            {
                errors["timeZone"] = [$"Unknown time zone '{zone}'; use an IANA name such as Europe/Berlin."];
            }

            service.TimeZone = zone.Length == 0 ? null : zone;
        }

        if (request.EscalationPolicy is { } policyKey)
        {
            policyKey = policyKey.Trim();
            var policy = policyList.FirstOrDefault(p => p.Key == policyKey);
            if (policyKey.Length > 0 && policy is null)
            {
                errors["escalationPolicy"] = [$"No escalation policy '{policyKey}'."];
            }

            service.EscalationPolicyId = policy?.Id;
        }

        if (request.AutoResolve is { } autoResolve)
        {
            autoResolve = autoResolve.Trim();
            if (autoResolve is not ("resolved" or "monitoring"))
            {
                errors["autoResolve"] = [$"Auto-resolve is '{autoResolve}'; use resolved or monitoring."];
            }

            service.AutoResolveTo = autoResolve;
        }
    }

    private async Task<Dictionary<long, string>> PolicyKeysAsync(CancellationToken ct) =>
        (await policies.ListAsync(ct)).ToDictionary(p => p.Id, p => p.Key);

    private static ServiceDto ToDto(Service s, IReadOnlyDictionary<long, string> policyKeys) => new(
        s.Key, s.Name, s.Description, s.OwnerTeam?.Key, s.TimeZone,
        s.EscalationPolicyId is { } id ? policyKeys.GetValueOrDefault(id) : null, s.AutoResolveTo);

    private static string Describe(ServiceDto s) =>
        $"name: {s.Name}; team: {s.Team ?? NoValue}; time_zone: {s.TimeZone ?? NoValue}; escalation_policy: {s.EscalationPolicy ?? NoValue}; auto_resolve: {s.AutoResolve}";

    private static string Changes(ServiceDto before, ServiceDto after)
    {
        var fields = new (string Name, string? Was, string? Now)[]
        {
            ("name", before.Name, after.Name),
            ("description", before.Description, after.Description),
            ("team", before.Team, after.Team),
            ("time_zone", before.TimeZone, after.TimeZone),
            ("escalation_policy", before.EscalationPolicy, after.EscalationPolicy),
            ("auto_resolve", before.AutoResolve, after.AutoResolve),
        };
        return string.Join("; ", fields.Where(f => f.Was != f.Now).Select(f => $"{f.Name}: {f.Was ?? NoValue} → {f.Now ?? NoValue}"));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex KeyShape();
}
