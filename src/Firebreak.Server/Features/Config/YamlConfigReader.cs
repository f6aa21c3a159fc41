using System.Globalization;
using Firebreak.Core.Config;
using Firebreak.Core.Incidents;
using Firebreak.Core.Severity;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Config;

/// <summary>
/// Reads a directory of YAML config files. It walks the node tree rather than deserializing into classes so that
/// every error can name the file and line it comes from.
/// </summary>
public sealed partial class YamlConfigReader
{
    private static readonly string[] s_topLevel = ["severity", "users", "teams", "services", "integrations", "maintenance", "schedules", "escalation_policies", "incidents"];
    private readonly List<ConfigError> _errors = [];
    private string _file = "";

    public IReadOnlyList<ConfigError> Errors => _errors;

    public ConfigSet Read(string directory)
    {
        SeverityScheme? severity = null;
        var users = new List<UserConfig>();
        var teams = new List<TeamConfig>();
        var services = new List<ServiceConfig>();
        var incidents = new List<DemoIncident>();
        var integrations = new List<IntegrationConfig>();
        var maintenance = new List<MaintenanceConfig>();
        var schedules = new List<ScheduleConfig>();
        var policies = new List<EscalationPolicyConfig>();
        if (!Directory.Exists(directory))
        {
            _errors.Add(new ConfigError(new SourceRef(directory, 0), "directory not found"));
            return new ConfigSet(null, users, teams, services, incidents, integrations, maintenance, schedules, policies);
        }

        var files = Directory.EnumerateFiles(directory, "*.y*ml").Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        foreach (var path in files)
        {
            _file = Path.GetFileName(path);
            var stream = new YamlStream();
            try
            {
                using var reader = new StreamReader(path);
                stream.Load(reader);
            }
            catch (YamlException ex)
            {
                _errors.Add(new ConfigError(new SourceRef(_file, ex.Start.Line), $"not valid YAML: {ex.InnerException?.Message ?? ex.Message}"));
                continue;
            }

            foreach (var doc in stream.Documents)
            {
                if (doc.RootNode is not YamlMappingNode root)
                {
                    Error(doc.RootNode, $"expected a mapping with one of: {string.Join(", ", s_topLevel)}");
                    continue;
                }

                foreach (var (keyNode, value) in root.Children)
                {
                    var key = ((keyNode as YamlScalarNode)?.Value ?? "").ToLowerInvariant();
                    switch (key)
                    {
                        case "severity":
                            if (severity is not null)
                            {
                                Error(keyNode, "the severity scheme is defined more than once");
                            }

                            severity = ReadSeverity(value);
                            break;
                        case "users": users.AddRange(Items(value, ReadUser)); break;
                        case "teams": teams.AddRange(Items(value, ReadTeam)); break;
                        case "services": services.AddRange(Items(value, ReadService)); break;
                        case "incidents": incidents.AddRange(Items(value, ReadIncident)); break;
                        case "integrations": integrations.AddRange(Items(value, ReadIntegration)); break;
                        case "maintenance": maintenance.AddRange(Items(value, ReadMaintenance)); break;
                        case "schedules": schedules.AddRange(Items(value, ReadSchedule)); break;
                        case "escalation_policies": policies.AddRange(Items(value, ReadPolicy)); break;
                        default: Error(keyNode, $"unknown section '{key}'; expected one of: {string.Join(", ", s_topLevel)}"); break;
                    }
                }
            }
        }

        CheckReferences(users, teams, services, incidents, severity);
        CheckIntegrations(integrations, services, severity ?? SeverityPresets.Sev);
        CheckMaintenance(maintenance, services);
        Duplicates(schedules, s => s.Key, s => s.Where, "schedule");
        Duplicates(policies, p => p.Key, p => p.Where, "escalation policy");
        CheckPolicies(policies, severity);
        return new ConfigSet(severity, users, teams, services, incidents, integrations, maintenance, schedules, policies);
    }

    private void CheckReferences(List<UserConfig> users, List<TeamConfig> teams, List<ServiceConfig> services, List<DemoIncident> incidents, SeverityScheme? severity)
    {
        Duplicates(users, u => u.Username, u => u.Where, "user");
        Duplicates(teams, t => t.Key, t => t.Where, "team");
        Duplicates(services, s => s.Key, s => s.Where, "service");
        var userNames = users.Select(u => u.Username).ToHashSet(StringComparer.Ordinal);
        foreach (var t in teams)
        {
            foreach (var m in t.Members.Where(m => !userNames.Contains(m)))
            {
                _errors.Add(new ConfigError(t.Where, $"team '{t.Key}' lists unknown user '{m}'"));
            }
        }

        var teamKeys = teams.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var s in services.Where(s => s.Team is not null && !teamKeys.Contains(s.Team)))
        {
            _errors.Add(new ConfigError(s.Where, $"service '{s.Key}' names unknown team '{s.Team}'"));
        }

        var serviceKeys = services.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var scheme = severity ?? SeverityPresets.Sev;
        foreach (var i in incidents)
        {
            if (i.Service is not null && !serviceKeys.Contains(i.Service))
            {
                _errors.Add(new ConfigError(i.Where, $"incident '{i.Title}' names unknown service '{i.Service}'"));
            }

            if (scheme.Find(i.Severity) is null)
            {
                _errors.Add(new ConfigError(i.Where, $"incident '{i.Title}' has unknown severity '{i.Severity}'"));
            }

            foreach (var who in new[] { i.Commander, i.DeclaredBy }.Concat(i.Events.Select(e => e.By)).OfType<string>().Where(w => !userNames.Contains(w)))
            {
                _errors.Add(new ConfigError(i.Where, $"incident '{i.Title}' names unknown user '{who}'"));
            }
        }
    }

    private void Duplicates<T>(List<T> items, Func<T, string> key, Func<T, SourceRef> where, string what)
    {
        foreach (var dup in items.GroupBy(key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            _errors.Add(new ConfigError(where(dup.Last()), $"{what} '{dup.Key}' is defined more than once (first at {where(dup.First())})"));
        }
    }

    private SeverityScheme? ReadSeverity(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, "severity must be a mapping with 'preset' or 'levels'");
            return null;
        }

        var preset = Str(map, "preset");
        var levels = map.Children.TryGetValue(new YamlScalarNode("levels"), out var levelsNode) ? levelsNode : null;
        if (preset is not null && levels is null)
        {
            var scheme = SeverityPresets.ByName(preset);
            if (scheme is null)
            {
                Error(map, $"unknown preset '{preset}'; use 'sev' (SEV-1..SEV-4) or 'p' (P0..P3)");
            }

            return scheme;
        }

        if (levels is null)
        {
            Error(map, "severity needs 'preset: sev|p' or a list of 'levels'");
            return null;
        }

        var list = Items(levels, (n, rank) => ReadLevel(n, rank)).ToList();
        var result = new SeverityScheme(Str(map, "name") ?? preset ?? "custom", list);
        foreach (var problem in result.Validate())
        {
            Error(levels, problem);
        }

        return result;
    }

    private SeverityLevel? ReadLevel(YamlMappingNode map, int rank)
    {
        var key = Required(map, "key");
        if (key is null)
        {
            return null;
        }

        var checklist = map.Children.TryGetValue(new YamlScalarNode("checklist"), out var cl) ? Strings(cl) : [];
        return new SeverityLevel(key, Str(map, "name") ?? key, rank, Str(map, "description") ?? "",
            new ResponseTargets(Duration(map, "acknowledge_within"), Duration(map, "mitigate_within"), Duration(map, "update_every"), Duration(map, "review_within")),
            checklist);
    }

    private UserConfig? ReadUser(YamlMappingNode map, int _)
    {
        var username = Required(map, "username");
        var role = Str(map, "role") ?? "responder";
        if (role is not ("viewer" or "responder" or "admin"))
        {
            Error(map.Children[new YamlScalarNode("role")], $"user '{username}': role '{role}' is not viewer, responder or admin");
        }

        return username is null ? null : new UserConfig(username, Str(map, "name"), Str(map, "email"), role, Where(map));
    }

    private TeamConfig? ReadTeam(YamlMappingNode map, int _)
    {
        var key = Required(map, "key");
        var members = map.Children.TryGetValue(new YamlScalarNode("members"), out var m) ? Strings(m) : [];
        return key is null ? null : new TeamConfig(key, Str(map, "name") ?? key, members, Where(map));
    }

    private ServiceConfig? ReadService(YamlMappingNode map, int _)
    {
        var key = Required(map, "key");
        var zone = Str(map, "time_zone");
        if (zone is not null && Firebreak.Core.Maintenance.MaintenanceScheduleParser.Zone(zone) is null)
        {
            Error(map.Children[new YamlScalarNode("time_zone")], $"unknown time zone '{zone}'; use an IANA name such as Europe/Berlin");
        }

        var autoResolve = Str(map, "auto_resolve") ?? "resolved";
        if (autoResolve is not ("resolved" or "monitoring"))
        {
            Error(map.Children[new YamlScalarNode("auto_resolve")], $"auto_resolve is '{autoResolve}'; use resolved or monitoring");
        }

        var policy = Str(map, "escalation_policy")?.Trim();
        var policyWhere = policy is null ? null : Where(At(map, "escalation_policy"));
        return key is null
            ? null
            : new ServiceConfig(key, Str(map, "name") ?? key, Str(map, "description"), Str(map, "team"), Where(map), zone, autoResolve, policy, policyWhere);
    }

    private DemoIncident? ReadIncident(YamlMappingNode map, int index)
    {
        var title = Required(map, "title");
        var severity = Required(map, "severity");
        var ago = Duration(map, "declared_ago");
        if (ago is null)
        {
            Error(map, "demo incident needs 'declared_ago' (e.g. 3d)");
        }

        var events = map.Children.TryGetValue(new YamlScalarNode("events"), out var ev) ? Items(ev, ReadEvent).ToList() : [];
        foreach (var e in events.Where(e => e.Status is not null && !IncidentStatusNames.TryParse(e.Status, out _)))
        {
            _errors.Add(new ConfigError(e.Where, $"unknown status '{e.Status}'; use one of: {IncidentStatusNames.AllWire}"));
        }

        return title is null || severity is null || ago is null
            ? null
            : new DemoIncident(title, severity, Str(map, "service"), Str(map, "description"), Str(map, "impact"), ago.Value,
                Duration(map, "impact_before"), Str(map, "commander"), Str(map, "declared_by"), events, Where(map));
    }

    private DemoEvent? ReadEvent(YamlMappingNode map, int _)
    {
        var after = Duration(map, "after");
        if (after is null)
        {
            Error(map, "event needs 'after' (time since declaration, e.g. 4m)");
            return null;
        }

        return new DemoEvent(after.Value, Str(map, "status"), Str(map, "note"), Str(map, "by"), Str(map, "severity"), Where(map));
    }

    private IEnumerable<T> Items<T>(YamlNode node, Func<YamlMappingNode, int, T?> read)
        where T : class
    {
        if (node is not YamlSequenceNode seq)
        {
            Error(node, "expected a list");
            yield break;
        }

        var i = 0;
        foreach (var child in seq.Children)
        {
            if (child is not YamlMappingNode map)
            {
                Error(child, "expected a mapping (key: value pairs)");
                continue;
            }

            if (read(map, i++) is { } item)
            {
                yield return item;
            }
        }
    }

    private List<string> Strings(YamlNode node)
    {
        if (node is YamlSequenceNode seq)
        {
            return [.. seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")];
        }

        Error(node, "expected a list of strings");
        return [];
    }

    private TimeSpan? Duration(YamlMappingNode map, string key) =>
        Parsed<TimeSpan>(map, key, DurationParser.TryParse, "a duration; write e.g. 90s, 5m, 1h30m, 3d");

    private int? Int(YamlMappingNode map, string key) =>
        Parsed(map, key, (string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value), "a whole number");

    private bool? Bool(YamlMappingNode map, string key) => Parsed<bool>(map, key, bool.TryParse, "true or false");

    private delegate bool Parser<T>(string text, out T value);

    private T? Parsed<T>(YamlMappingNode map, string key, Parser<T> parse, string expected)
        where T : struct
    {
        var text = Str(map, key);
        if (text is null)
        {
            return null;
        }

        if (parse(text, out var value))
        {
            return value;
        }

        Error(At(map, key), $"'{key}: {text}' is not {expected}");
        return null;
    }

    private string? Required(YamlMappingNode map, string key)
    {
        var value = Str(map, key);
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(map, $"'{key}' is required");
            return null;
        }

        return value;
    }

    private string? Str(YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Error(node, $"'{key}' must be a single value");
        return null;
    }

    /// <summary>A misspelt field would otherwise be ignored in silence, and the default it leaves in force is a surprise.</summary>
    private void Known(YamlMappingNode map, string[] fields, params string[] reportedElsewhere)
    {
        foreach (var keyNode in map.Children.Keys)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!fields.Contains(key, StringComparer.Ordinal) && !reportedElsewhere.Contains(key, StringComparer.Ordinal))
            {
                Error(keyNode, $"unknown field '{key}'; expected one of: {string.Join(", ", fields)}");
            }
        }
    }

    private static YamlNode At(YamlMappingNode map, string key) => map.Children[new YamlScalarNode(key)];

    private List<string> StringOrList(YamlNode node) => node is YamlScalarNode scalar ? [scalar.Value ?? ""] : Strings(node);

    private SourceRef Where(YamlNode node) => new(_file, node.Start.Line);

    private void Error(YamlNode node, string message) => _errors.Add(new ConfigError(Where(node), message));
}
