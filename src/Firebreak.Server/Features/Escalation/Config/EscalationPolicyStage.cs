using System.Text.RegularExpressions;
using Firebreak.Core.Config;
using Firebreak.Core.Escalation;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.OnCall;
using Firebreak.Server.Features.OnCall.Config;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Escalation.Config;

/// <summary>
/// Stages escalation policies, matched by key, through <see cref="EscalationPolicyService"/> so config and the API
/// validate and audit alike; then points services at them. It runs after schedules, which policies name, and the
/// assignments after the policies, so one file can add a schedule, a policy paging it, and the service using it.
/// Policies config does not list are left alone, as is the policy of a service whose entry has no
/// <c>escalation_policy</c>.
/// </summary>
internal sealed partial class EscalationPolicyStage(FirebreakDb db, EscalationPolicyService policies, EscalationOptions options)
{
    public async Task StageAsync(ConfigStaging staging, ConfigSet set, IReadOnlyList<EscalationPolicyConfig> policyConfigs, CancellationToken ct)
    {
        var (scheme, users, viewers, actor) = (staging.Scheme, staging.Users, staging.Viewers, staging.Actor);
        var schedules = (await db.Schedules.Select(s => s.Key).ToListAsync(ct)).Concat(set.Schedules.Select(s => s.Key)).ToHashSet(StringComparer.Ordinal);
        var rows = await db.EscalationPolicies.ToDictionaryAsync(p => p.Key, StringComparer.Ordinal, ct);
        var keysById = rows.Values.ToDictionary(p => p.Id, p => p.Key);
        foreach (var c in policyConfigs)
        {
            var errors = Problems(c, scheme, users, viewers, schedules);
            if (errors.Count > 0)
            {
                staging.Errors.AddRange(errors);
                continue;
            }

            var row = rows.GetValueOrDefault(c.Key);
            var change = Compare(c, row, row is null ? null : EscalationPolicyService.ReadSpec(row.SpecJson));
            staging.Changes.Add(change);
            if (!change.IsChange)
            {
                continue;
            }

            // The service audits the write itself (as for the API), so this stage does not go through staging.Record.
            var request = new PolicyRequest(c.Name, c.Description, [.. c.Spec.Steps], c.Spec.Repeats, [.. c.Spec.Rules ?? []]);
            var staged = await policies.StagePutAsync(actor, c.Key, request, new PendingNames(scheme, users, schedules), ct);
            if (staged.Value is { } record)
            {
                rows[c.Key] = record;
            }
            else
            {
                staging.Errors.AddRange((staged.FieldErrors?.Values.SelectMany(m => m) ?? [staged.Error ?? "invalid"])
                    .Select(m => new ConfigError(c.Where, $"escalation policy '{c.Key}': {m}").ToString()));
            }
        }

        foreach (var s in set.Services.Where(s => s.EscalationPolicy is not null))
        {
            var wanted = s.EscalationPolicy == ServiceConfig.NoPolicy ? null : s.EscalationPolicy;
            if (wanted is not null && !rows.ContainsKey(wanted))
            {
                staging.Errors.Add(new ConfigError(s.EscalationPolicyWhere ?? s.Where,
                    $"service '{s.Key}' names unknown escalation policy '{wanted}'; define it under escalation_policies or with the API").ToString());
                continue;
            }

            if (!staging.Services.TryGetValue(s.Key, out var service))
            {
                continue;
            }

            var current = service.EscalationPolicyId is { } id ? keysById.GetValueOrDefault(id) : null;
            if (string.Equals(current, wanted, StringComparison.Ordinal))
            {
                continue;
            }

            staging.AddField($"service/{s.Key}", new FieldChange("escalation_policy", current, wanted ?? "(none)"));
            policies.StageAssign(actor, service, wanted is null ? null : rows[wanted]);
        }

        staging.Warnings.AddRange(PagingNobody(set, staging, rows));
    }

    /// <summary>The files' services that will have no policy after apply, when no default policy catches them.</summary>
    private IEnumerable<string> PagingNobody(ConfigSet set, ConfigStaging staging, Dictionary<string, EscalationPolicyRecord> rows)
    {
        if (options.DefaultPolicy is { } fallback && rows.ContainsKey(fallback))
        {
            return [];
        }

        var why = options.DefaultPolicy is { } missing
            ? $"{EscalationOptions.DefaultPolicyKey} names '{missing}', which is no policy"
            : $"{EscalationOptions.DefaultPolicyKey} is not set";
        return set.Services
            .Where(s => staging.Services.TryGetValue(s.Key, out var service) && service.EscalationPolicyId is null)
            .Select(s => $"{s.EscalationPolicyWhere ?? s.Where}: warning: service '{s.Key}' has no escalation policy and {why}: its incidents will page nobody");
    }

    /// <summary>
    /// Severities the database's scheme lacks (the reader checked the file's own scheme, if it has one), people and
    /// schedules that are neither in the config nor in the database, and viewers, who are never paged; each at its line.
    /// </summary>
    private static List<string> Problems(
        EscalationPolicyConfig c, SeverityScheme scheme, IReadOnlySet<string> users, IReadOnlySet<string> viewers, HashSet<string> schedules)
    {
        var (_, _, problems) = c.Spec.Build(key => scheme.Find(key)?.Rank);
        var errors = problems.Select(p => new ConfigError(EscalationPolicySection.LineOf(c, p), $"escalation policy '{c.Key}': {p}").ToString()).ToList();
        var named = c.Spec.Steps.Select((s, i) => (Part: $"step {i + 1}", Field: "targets", Targets: s.Targets))
            .Concat((c.Spec.Rules ?? []).Select((r, i) => (Part: $"rule {i + 1}", Field: "notify", Targets: r.Notify)));
        foreach (var (part, field, targets) in named)
        {
            foreach (var text in targets)
            {
                var missing = PolicySpec.TryParseTarget(text, out var target) ? target switch
                {
                    UserTarget u when !users.Contains(u.UserId) => $"unknown user '{u.UserId}'",
                    UserTarget u when viewers.Contains(u.UserId) => $"viewer '{u.UserId}'; only responders and admins can be paged",
                    ScheduleTarget s when !schedules.Contains(s.ScheduleId) => $"unknown schedule '{s.ScheduleId}'",
                    _ => null,
                } : null;
                if (missing is not null)
                {
                    errors.Add(new ConfigError(c.Lines.GetValueOrDefault($"{part}.{field}") ?? c.Line(part),
                        $"escalation policy '{c.Key}', {part} names {missing}").ToString());
                }
            }
        }

        return errors;
    }

    private static ConfigChange Compare(EscalationPolicyConfig c, EscalationPolicyRecord? row, PolicySpec? old)
    {
        var creating = row is null;
        var change = new ChangeBuilder($"escalation-policy/{c.Key}", creating)
            .Field("name", row?.Name, c.Name)
            .Field("description", row?.Description, string.IsNullOrWhiteSpace(c.Description) ? null : c.Description.Trim())
            .Field("repeats", ConfigText.Number(old?.Repeats), creating && c.Spec.Repeats == 0 ? null : ConfigText.Number(c.Spec.Repeats));
        var oldSteps = old?.Steps ?? [];
        var newSteps = c.Spec.Steps;
        for (var i = 0; i < Math.Max(oldSteps.Count, newSteps.Count); i++)
        {
            var step = $"step {i + 1}";
            if (i < oldSteps.Count && i < newSteps.Count)
            {
                change.Field(step, Targets(oldSteps[i].Targets), Targets(newSteps[i].Targets))
                    .Field($"{step} delay", Delay(oldSteps[i].Delay), Delay(newSteps[i].Delay));
            }
            else
            {
                change.Field(step, i < oldSteps.Count ? Summary(oldSteps[i]) : null, i < newSteps.Count ? Summary(newSteps[i]) : null);
            }
        }

        var oldRules = (old?.Rules ?? []).ToDictionary(r => r.Key?.Trim() ?? "", StringComparer.Ordinal);
        var newRules = c.Spec.Rules ?? [];
        foreach (var rule in newRules)
        {
            var key = rule.Key?.Trim() ?? "";
            change.Field($"rule {key}", oldRules.TryGetValue(key, out var was) ? Summary(was) : null, Summary(rule));
        }

        foreach (var gone in oldRules.Where(r => !newRules.Any(n => (n.Key?.Trim() ?? "") == r.Key)))
        {
            change.Field($"rule {gone.Key}", Summary(gone.Value), null);
        }

        return change.Build();
    }

    /// <summary>Targets as the engine reads them, so "User:bob" and "user:bob" are not a change.</summary>
    private static string Targets(IReadOnlyList<string> targets) =>
        string.Join(", ", targets.Select(t => PolicySpec.TryParseTarget(t, out var target) ? PolicySpec.Describe(target) : t.Trim()));

    private static string? Delay(string? delay) => DurationParser.TryParse(delay, out var span) ? DurationParser.Format(span) : delay?.Trim();

    private static string Summary(StepSpec step) => $"{Targets(step.Targets)} (then {Delay(step.Delay)})";

    private static string Summary(RuleSpec rule) =>
        $"when {string.Join(", ", rule.When.Select(w => Spaces().Replace(w.Trim(), " ")))}: notify {Targets(rule.Notify)}";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
