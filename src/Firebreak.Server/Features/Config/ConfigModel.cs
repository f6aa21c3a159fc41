using Firebreak.Core.OnCall;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Features.Maintenance;

namespace Firebreak.Server.Features.Config;

/// <summary>A place in a config file, for error messages people can jump to.</summary>
public sealed record SourceRef(string File, long Line)
{
    public override string ToString() => $"{File}:{Line}";
}

public sealed record ConfigError(SourceRef Where, string Message)
{
    public override string ToString() => $"{Where}: {Message}";
}

public sealed record UserConfig(string Username, string? Name, string? Email, string Role, SourceRef Where);

public sealed record TeamConfig(string Key, string Name, IReadOnlyList<string> Members, SourceRef Where);

/// <param name="EscalationPolicy">The policy key; null when the file does not say (an assignment made with the API or CLI
/// stays), <see cref="NoPolicy"/> to take the service off any policy.</param>
public sealed record ServiceConfig(
    string Key, string Name, string? Description, string? Team, SourceRef Where, string? TimeZone = null, string AutoResolve = "resolved",
    string? EscalationPolicy = null, SourceRef? EscalationPolicyWhere = null)
{
    public const string NoPolicy = "none";
}

public sealed record DemoEvent(TimeSpan After, string? Status, string? Note, string? By, string? Severity, SourceRef Where);

public sealed record DemoIncident(
    string Title, string Severity, string? Service, string? Description, string? Impact, TimeSpan Ago,
    TimeSpan? ImpactBefore, string? Commander, string? DeclaredBy, IReadOnlyList<DemoEvent> Events, SourceRef Where);

public sealed record RoutingRuleEntry(RoutingRuleConfig Rule, SourceRef Where);

/// <summary>
/// An integration as config declares it. Its key is never written here: it is generated on create, or read from the
/// environment variable <see cref="KeyEnv"/> so that one key can follow a team across environments.
/// </summary>
public sealed record IntegrationConfig(
    string Name, string Kind, string? Service, IReadOnlyList<string> GroupBy, TimeSpan GroupWindow, int? RatePerMinute,
    IReadOnlyList<RoutingRuleEntry> Rules, bool Disabled, string? KeyEnv, SourceRef Where, SourceRef? KeyEnvWhere)
{
    /// <summary>Each rule checked by the validator the API uses, one at a time so an error names its rule's line.</summary>
    public IEnumerable<ConfigError> RuleErrors(IReadOnlySet<string> services, SeverityScheme scheme)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            var (_, errors) = RoutingRuleConfigs.Compile([Rules[i].Rule], services, scheme);
            foreach (var message in errors.Values.SelectMany(m => m))
            {
                yield return new ConfigError(Rules[i].Where, $"integration '{Name}', rule {i + 1}: {message}");
            }
        }
    }
}

/// <summary>A maintenance window as config declares it; it is known by its service and reason.</summary>
public sealed record MaintenanceConfig(string Service, CreateMaintenanceRequest Request, SourceRef Where, IReadOnlyDictionary<string, SourceRef> FieldLines)
{
    public string Reason => Request.Reason ?? "";

    /// <summary>Where the validator's error for <paramref name="field"/> (reason, length, schedule) points.</summary>
    public SourceRef Line(string field) => FieldLines.GetValueOrDefault(field) ?? Where;
}

/// <summary>
/// An on-call schedule as config declares it, known by its key. <see cref="ManagesOverrides"/> is false when the file has
/// no <c>overrides:</c>: overrides added in the UI or API (someone covering tonight) are then kept.
/// </summary>
/// <param name="Lines">Where each part is written: <c>time_zone</c>, <c>layer 1</c>, <c>layer 1.shift</c>, <c>override 2</c>….</param>
public sealed record ScheduleConfig(string Key, string Name, ScheduleSpec Spec, bool ManagesOverrides, SourceRef Where, IReadOnlyDictionary<string, SourceRef> Lines)
{
    public SourceRef Line(string part) => Lines.GetValueOrDefault(part) ?? Where;
}

/// <summary>An escalation policy as config declares it, known by its key; <see cref="Spec"/> is what the API takes.</summary>
/// <param name="Lines">Where each part is written: <c>repeats</c>, <c>step 2</c>, <c>step 2.delay</c>, <c>rule 1.when</c>….</param>
public sealed record EscalationPolicyConfig(
    string Key, string Name, string? Description, Core.Escalation.PolicySpec Spec, SourceRef Where, IReadOnlyDictionary<string, SourceRef> Lines)
{
    public SourceRef Line(string part) => Lines.GetValueOrDefault(part) ?? Where;
}

public sealed record ConfigSet(
    SeverityScheme? Severity,
    IReadOnlyList<UserConfig> Users,
    IReadOnlyList<TeamConfig> Teams,
    IReadOnlyList<ServiceConfig> Services,
    IReadOnlyList<DemoIncident> Incidents,
    IReadOnlyList<IntegrationConfig> Integrations,
    IReadOnlyList<MaintenanceConfig> Maintenance,
    IReadOnlyList<ScheduleConfig> Schedules,
    IReadOnlyList<EscalationPolicyConfig> EscalationPolicies);
