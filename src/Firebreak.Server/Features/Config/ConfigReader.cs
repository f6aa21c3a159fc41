using Firebreak.Core.Severity;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Config;

/// <summary>
/// Reads a directory of YAML config files: config's own severity scheme, users, teams and services here, every other
/// top-level key by the section registered for it. It walks the node tree rather than deserializing into classes so
/// that every error can name the file and line it comes from.
/// </summary>
public sealed class ConfigReader(IEnumerable<IConfigSection> sections)
{
    private static readonly string[] s_ownKeys = ["severity", "users", "teams", "services"];
    private readonly IReadOnlyList<IConfigSection> _sections = [.. sections.OrderBy(s => s.Order)];

    /// <summary>The registered sections in the order they are validated and staged.</summary>
    public IReadOnlyList<IConfigSection> Sections => _sections;

    public (ConfigSet Set, IReadOnlyList<string> Errors) Read(string directory)
    {
        var errors = new ConfigErrors();
        var set = Read(directory, new YamlReading(errors));
        return (set, [.. errors.All.Select(e => e.ToString())]);
    }

    /// <summary>
    /// Gaps in the next four weeks of each schedule as the files write it, for <c>config validate</c>, which opens no
    /// database; plan reports them from the schedule apply would store, with overrides kept from the database.
    /// </summary>
    public IReadOnlyList<string> Warnings(ConfigSet set, DateTimeOffset now) => [.. _sections.SelectMany(s => s.Warnings(set, now))];

    private ConfigSet Read(string directory, YamlReading yaml)
    {
        SeverityScheme? severity = null;
        var users = new List<UserConfig>();
        var teams = new List<TeamConfig>();
        var services = new List<ServiceConfig>();
        var items = new ConfigItems();
        if (!Directory.Exists(directory))
        {
            yaml.Errors.Add(new SourceRef(directory, 0), "directory not found");
            return new ConfigSet(null, users, teams, services, items);
        }

        var topLevel = string.Join(", ", s_ownKeys.Concat(_sections.Select(s => s.Key)));
        var byKey = _sections.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(directory, "*.y*ml").Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        foreach (var path in files)
        {
            yaml.File = Path.GetFileName(path);
            var stream = new YamlStream();
            try
            {
                using var reader = new StreamReader(path);
                stream.Load(reader);
            }
            catch (YamlException ex)
            {
                yaml.Errors.Add(new SourceRef(yaml.File, ex.Start.Line), $"not valid YAML: {ex.InnerException?.Message ?? ex.Message}");
                continue;
            }

            foreach (var doc in stream.Documents)
            {
                if (doc.RootNode is not YamlMappingNode root)
                {
                    yaml.Error(doc.RootNode, $"expected a mapping with one of: {topLevel}");
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
                                yaml.Error(keyNode, "the severity scheme is defined more than once");
                            }

                            severity = ReadSeverity(value, yaml);
                            break;
                        case "users": users.AddRange(yaml.Items(value, (map, _) => ReadUser(map, yaml))); break;
                        case "teams": teams.AddRange(yaml.Items(value, (map, _) => ReadTeam(map, yaml))); break;
                        case "services": services.AddRange(yaml.Items(value, (map, _) => ReadService(map, yaml))); break;
                        default:
                            if (byKey.TryGetValue(key, out var section))
                            {
                                section.Read(value, yaml, items);
                            }
                            else
                            {
                                yaml.Error(keyNode, $"unknown section '{key}'; expected one of: {topLevel}");
                            }

                            break;
                    }
                }
            }
        }

        foreach (var section in _sections)
        {
            section.ReadFolder(directory, yaml.Errors, items);
        }

        var set = new ConfigSet(severity, users, teams, services, items);
        CheckReferences(set, yaml.Errors);
        foreach (var section in _sections)
        {
            section.Validate(set, yaml.Errors);
        }

        return set;
    }

    private static void CheckReferences(ConfigSet set, ConfigErrors errors)
    {
        errors.Duplicates(set.Users, u => u.Username, u => u.Where, "user");
        errors.Duplicates(set.Teams, t => t.Key, t => t.Where, "team");
        errors.Duplicates(set.Services, s => s.Key, s => s.Where, "service");
        var userNames = set.UserNames();
        foreach (var t in set.Teams)
        {
            foreach (var m in t.Members.Where(m => !userNames.Contains(m)))
            {
                errors.Add(t.Where, $"team '{t.Key}' lists unknown user '{m}'");
            }
        }

        var teamKeys = set.Teams.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var s in set.Services.Where(s => s.Team is not null && !teamKeys.Contains(s.Team)))
        {
            errors.Add(s.Where, $"service '{s.Key}' names unknown team '{s.Team}'");
        }
    }

    private static SeverityScheme? ReadSeverity(YamlNode node, YamlReading yaml)
    {
        if (node is not YamlMappingNode map)
        {
            yaml.Error(node, "severity must be a mapping with 'preset' or 'levels'");
            return null;
        }

        var preset = yaml.Str(map, "preset");
        var levels = YamlReading.Get(map, "levels");
        if (preset is not null && levels is null)
        {
            var scheme = SeverityPresets.ByName(preset);
            if (scheme is null)
            {
                yaml.Error(map, $"unknown preset '{preset}'; use 'sev' (SEV-1..SEV-4) or 'p' (P0..P3)");
            }

            return scheme;
        }

        if (levels is null)
        {
            yaml.Error(map, "severity needs 'preset: sev|p' or a list of 'levels'");
            return null;
        }

        var list = yaml.Items(levels, (n, rank) => ReadLevel(n, rank, yaml)).ToList();
        var result = new SeverityScheme(yaml.Str(map, "name") ?? preset ?? "custom", list);
        foreach (var problem in result.Validate())
        {
            yaml.Error(levels, problem);
        }

        return result;
    }

    private static SeverityLevel? ReadLevel(YamlMappingNode map, int rank, YamlReading yaml)
    {
        var key = yaml.Required(map, "key");
        if (key is null)
        {
            return null;
        }

        var checklist = YamlReading.Get(map, "checklist") is { } cl ? yaml.Strings(cl) : [];
        var targets = new ResponseTargets(yaml.Duration(map, "acknowledge_within"), yaml.Duration(map, "mitigate_within"), yaml.Duration(map, "update_every"), yaml.Duration(map, "review_within"));
        var (review, questions) = ReadReviewPolicy(map, key, targets, yaml);
        return new SeverityLevel(key, yaml.Str(map, "name") ?? key, rank, yaml.Str(map, "description") ?? "", targets, checklist, review, questions,
            ReadExternalComms(map, key, yaml));
    }

    /// <summary><c>review: required|optional|none</c> and <c>review_questions</c>; left out, the level keeps the defaults.</summary>
    private static (ReviewRequirement? Review, IReadOnlyList<string>? Questions) ReadReviewPolicy(YamlMappingNode map, string key, ResponseTargets targets, YamlReading yaml)
    {
        var text = yaml.Str(map, "review");
        var review = ReviewRequirements.Parse(text);
        if (text is not null && review is null)
        {
            yaml.Error(YamlReading.At(map, "review"), $"severity '{key}': review is '{text}'; use required, optional or none");
        }
        else if (review == ReviewRequirement.Required && targets.ReviewWithin is null)
        {
            yaml.Error(YamlReading.At(map, "review"), $"severity '{key}': review: required needs review_within, the time after resolving by which the review is due (e.g. 5d)");
        }
        else if (review == ReviewRequirement.None && targets.ReviewWithin is not null)
        {
            yaml.Error(YamlReading.At(map, "review_within"), $"severity '{key}': review_within has no effect with review: none; remove one of them");
        }

        if (YamlReading.Get(map, "review_questions") is not { } node)
        {
            return (review, null);
        }

        var questions = yaml.Strings(node).Select(q => q.Trim()).ToList();
        if (review == ReviewRequirement.None)
        {
            yaml.Error(node, $"severity '{key}': review_questions has no effect with review: none; remove it");
        }
        else if (node is YamlSequenceNode && (questions.Count is 0 or > MaxReviewQuestions || questions.Any(q => q.Length is 0 or > MaxReviewQuestionLength)))
        {
            yaml.Error(node, $"severity '{key}': review_questions is a list of 1 to {MaxReviewQuestions} questions, each 1 to {MaxReviewQuestionLength} characters; leave it out to ask the default four");
        }

        return (review, questions);
    }

    /// <summary><c>external_comms: needs_approval|open</c> (default open): whether public posts wait for approval.</summary>
    private static bool ReadExternalComms(YamlMappingNode map, string key, YamlReading yaml)
    {
        switch (yaml.Str(map, "external_comms"))
        {
            case null or "open":
                return false;
            case "needs_approval":
                return true;
            case var text:
                yaml.Error(YamlReading.At(map, "external_comms"), $"severity '{key}': external_comms is '{text}'; use needs_approval (public posts wait for the commander's or an admin's approval) or open");
                return false;
        }
    }

    private const int MaxReviewQuestions = 20;

    // The length a review keeps of each question (Reviews' ReviewLimits.QuestionMax); Config names no feature but Catalog.
    private const int MaxReviewQuestionLength = 500;

    private static UserConfig? ReadUser(YamlMappingNode map, YamlReading yaml)
    {
        var username = yaml.Required(map, "username");
        var role = yaml.Str(map, "role") ?? "responder";
        if (role is not ("viewer" or "responder" or "admin"))
        {
            yaml.Error(YamlReading.At(map, "role"), $"user '{username}': role '{role}' is not viewer, responder or admin");
        }

        return username is null ? null : new UserConfig(username, yaml.Str(map, "name"), yaml.Str(map, "email"), role, yaml.Where(map));
    }

    private static TeamConfig? ReadTeam(YamlMappingNode map, YamlReading yaml)
    {
        var key = yaml.Required(map, "key");
        var members = YamlReading.Get(map, "members") is { } m ? yaml.Strings(m) : [];
        return key is null ? null : new TeamConfig(key, yaml.Str(map, "name") ?? key, members, yaml.Where(map));
    }

    private static ServiceConfig? ReadService(YamlMappingNode map, YamlReading yaml)
    {
        var key = yaml.Required(map, "key");
        var zone = yaml.Str(map, "time_zone");
        if (zone is not null && Firebreak.Core.Maintenance.MaintenanceScheduleParser.Zone(zone) is null)
        {
            yaml.Error(YamlReading.At(map, "time_zone"), $"unknown time zone '{zone}'; use an IANA name such as Europe/Berlin");
        }

        var autoResolve = yaml.Str(map, "auto_resolve") ?? "resolved";
        if (autoResolve is not ("resolved" or "monitoring"))
        {
            yaml.Error(YamlReading.At(map, "auto_resolve"), $"auto_resolve is '{autoResolve}'; use resolved or monitoring");
        }

        var policy = yaml.Str(map, "escalation_policy")?.Trim();
        var policyWhere = policy is null ? null : yaml.Where(YamlReading.At(map, "escalation_policy"));
        return key is null
            ? null
            : new ServiceConfig(key, yaml.Str(map, "name") ?? key, yaml.Str(map, "description"), yaml.Str(map, "team"), yaml.Where(map), zone, autoResolve, policy, policyWhere);
    }
}
