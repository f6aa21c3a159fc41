using System.Text.RegularExpressions;
using Firebreak.Core.OnCall;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Storage;
using NodaTime;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.OnCall.Config;

/// <summary>
/// The <c>schedules:</c> section: on-call rotations in a time zone, as <see cref="ScheduleSpec"/> text, checked by the
/// same <see cref="ScheduleSpec.Build"/> as the API with each of its messages moved to the line it is about.
/// </summary>
internal sealed partial class ScheduleSection : ConfigSection<ScheduleConfig>
{
    private static readonly string[] s_scheduleFields = ["key", "name", "time_zone", "layers", "overrides"];
    private static readonly string[] s_layerFields = ["name", "participants", "shift", "start", "handoff", "restrictions", "end", "rotation_offset"];
    private static readonly string[] s_overrideFields = ["person", "from", "to", "mode"];

    public override string Key => "schedules";

    public override int Order => ConfigOrder.Schedules;

    /// <summary>Gaps in the next four weeks of each schedule as the files write it (plan reports them from what apply would store).</summary>
    public override IEnumerable<string> Warnings(ConfigSet set, DateTimeOffset now) =>
        set.Schedules.SelectMany(s => s.Spec.Build().Schedule is { } schedule
            ? ScheduleStage.GapWarnings(s, schedule, Instant.FromDateTimeOffset(now))
            : []);

    protected override void Validate(ConfigSet set, IReadOnlyList<ScheduleConfig> schedules, ConfigErrors errors) =>
        errors.Duplicates(schedules, s => s.Key, s => s.Where, "schedule");

    protected override Task StageAsync(ConfigSet set, IReadOnlyList<ScheduleConfig> schedules, ConfigStaging staging, IServiceProvider services, CancellationToken ct) =>
        new ScheduleStage(services.GetRequiredService<FirebreakDb>(), services.GetRequiredService<ScheduleService>(), services.GetRequiredService<TimeProvider>())
            .StageAsync(staging, schedules, staging.Users, staging.Viewers, staging.Actor, ct);

    protected override ScheduleConfig? ReadItem(YamlMappingNode map, int index, YamlReading yaml)
    {
        yaml.Known(map, s_scheduleFields);
        var key = yaml.Required(map, "key");
        if (key is not null && !ScheduleService.IsKey(key))
        {
            yaml.Error(YamlReading.At(map, "key"), $"schedule key '{key}': use 1–64 lowercase letters, digits and dashes, e.g. 'payments-primary'");
        }

        var lines = new Dictionary<string, SourceRef>(StringComparer.Ordinal);
        var zone = yaml.Str(map, "time_zone");
        if (YamlReading.Has(map, "time_zone"))
        {
            lines["time_zone"] = yaml.Where(YamlReading.At(map, "time_zone"));
        }

        var layers = new List<LayerSpec>();
        if (map.Children.TryGetValue(new YamlScalarNode("layers"), out var layersNode))
        {
            layers.AddRange(yaml.Items(layersNode, (layer, i) => ReadLayer(layer, i, lines, yaml)));
        }
        else
        {
            yaml.Error(map, "'layers' is required: a schedule needs at least one rotation");
        }

        var managesOverrides = map.Children.TryGetValue(new YamlScalarNode("overrides"), out var overridesNode);
        var overrides = managesOverrides ? yaml.Items(overridesNode!, (o, i) => ReadOverride(o, i, lines, yaml)).ToList() : [];
        if (key is null)
        {
            return null;
        }

        var schedule = new ScheduleConfig(key, yaml.Str(map, "name") ?? key, new ScheduleSpec(zone, layers, overrides), managesOverrides, yaml.Where(map), lines);
        var names = layers.Select(ScheduleSpec.LayerName).ToList();
        foreach (var dup in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            // Layers are matched by name on apply and edited by name in the API, so a name must say which one.
            yaml.Errors.Add(new ConfigError(schedule.Line($"layer {names.LastIndexOf(dup.Key) + 1}"), $"schedule '{key}': layer '{dup.Key}' is defined more than once"));
        }

        var (_, problems) = schedule.Spec.Build();
        yaml.Errors.AddRange(problems.Select(p => new ConfigError(LineOf(schedule, names, p), $"schedule '{key}': {p}")));
        return schedule;
    }

    private static LayerSpec? ReadLayer(YamlMappingNode map, int index, Dictionary<string, SourceRef> lines, YamlReading yaml)
    {
        yaml.Known(map, s_layerFields);
        var layer = $"layer {index + 1}";
        lines[layer] = yaml.Where(map);
        foreach (var field in s_layerFields.Where(f => YamlReading.Has(map, f)))
        {
            lines[$"{layer}.{field}"] = yaml.Where(YamlReading.At(map, field));
        }

        var participants = map.Children.TryGetValue(new YamlScalarNode("participants"), out var p) ? Participants(p, yaml) : [];
        var restrictions = map.Children.TryGetValue(new YamlScalarNode("restrictions"), out var r) ? yaml.StringOrList(r) : null;
        return new LayerSpec(yaml.Str(map, "name"), participants, yaml.Str(map, "shift"), yaml.Str(map, "start"), yaml.Str(map, "handoff"), yaml.Str(map, "end"),
            restrictions, yaml.WholeNumber(map, "rotation_offset"));
    }

    private static OverrideSpec? ReadOverride(YamlMappingNode map, int index, Dictionary<string, SourceRef> lines, YamlReading yaml)
    {
        yaml.Known(map, s_overrideFields);
        lines[$"override {index + 1}"] = yaml.Where(map);
        foreach (var field in s_overrideFields.Where(f => YamlReading.Has(map, f)))
        {
            lines[$"override {index + 1}.{field}"] = yaml.Where(YamlReading.At(map, field));
        }

        var person = yaml.Required(map, "person");
        var from = yaml.Required(map, "from");
        var to = yaml.Required(map, "to");
        return person is null || from is null || to is null ? null : new OverrideSpec(person, from, to, yaml.Str(map, "mode"));
    }

    /// <summary>Each slot is one username or a list of usernames who are on together.</summary>
    private static List<IReadOnlyList<string>> Participants(YamlNode node, YamlReading yaml)
    {
        if (node is not YamlSequenceNode seq)
        {
            yaml.Error(node, "participants must be a list; each item a username or a list of usernames on together");
            return [];
        }

        var slots = new List<IReadOnlyList<string>>();
        foreach (var child in seq.Children)
        {
            switch (child)
            {
                case YamlScalarNode scalar:
                    slots.Add([scalar.Value ?? ""]);
                    break;
                case YamlSequenceNode:
                    slots.Add(yaml.Strings(child));
                    break;
                default:
                    yaml.Error(child, "a participant slot is a username or a list of usernames");
                    break;
            }
        }

        return slots;
    }

    /// <summary>
    /// The line a message from <see cref="ScheduleSpec.Build"/> is about: it names the layer by position
    /// ("layer 2 (nights): shift: …") or by name ("layer 'nights': …"), or the override by position, and often the field.
    /// </summary>
    private static SourceRef LineOf(ScheduleConfig schedule, List<string> layerNames, string problem)
    {
        var match = SpecProblem().Match(problem);
        if (!match.Success)
        {
            return schedule.Line(problem.Contains("time zone", StringComparison.Ordinal) ? "time_zone" : "");
        }

        var part = match.Groups["position"].Success
            ? $"{match.Groups["kind"].Value} {match.Groups["position"].Value}"
            : $"layer {layerNames.IndexOf(match.Groups["name"].Value) + 1}";
        var field = match.Groups["field"].Success ? match.Groups["field"].Value
            : problem.Contains("participant", StringComparison.Ordinal) ? "participants"
            : problem.Contains("ends", StringComparison.Ordinal) ? "end"
            : problem.Contains("shift", StringComparison.Ordinal) ? "shift"
            : "restrictions";
        return schedule.Lines.GetValueOrDefault($"{part}.{field}") ?? schedule.Line(part);
    }

    /// <summary>
    /// People a schedule names who are neither in the config nor in the database, and viewers, who cannot acknowledge and
    /// so are never put on call; each at its line. Checked on plan and apply rather than on reading: a schedule may name
    /// people who are only in the database (added in the UI), which validate does not open.
    /// </summary>
    internal static IReadOnlyList<string> PeopleProblems(ScheduleConfig schedule, IReadOnlySet<string> users, IReadOnlySet<string> viewers)
    {
        var errors = new List<string>();
        for (var i = 0; i < schedule.Spec.Layers.Count; i++)
        {
            var layer = schedule.Spec.Layers[i];
            foreach (var who in layer.Participants.SelectMany(s => s).Distinct(StringComparer.Ordinal))
            {
                var what = !users.Contains(who) ? $"names unknown user '{who}'"
                    : viewers.Contains(who) ? $"names viewer '{who}'; only responders and admins can be on call"
                    : null;
                if (what is not null)
                {
                    errors.Add(new ConfigError(schedule.Line($"layer {i + 1}.participants"),
                        $"schedule '{schedule.Key}', layer '{ScheduleSpec.LayerName(layer, i)}' {what}").ToString());
                }
            }
        }

        var overrides = schedule.Spec.Overrides ?? [];
        for (var i = 0; i < overrides.Count; i++)
        {
            var who = overrides[i].Person;
            var what = !users.Contains(who) ? $"names unknown user '{who}'"
                : viewers.Contains(who) ? $"names viewer '{who}'; only responders and admins can be on call"
                : null;
            if (what is not null)
            {
                errors.Add(new ConfigError(schedule.Line($"override {i + 1}.person"), $"schedule '{schedule.Key}', override {i + 1} {what}").ToString());
            }
        }

        return errors;
    }

    [GeneratedRegex(@"^(?:(?<kind>layer|override) (?<position>\d+)(?: \([^)]*\))?|layer '(?<name>[^']*)'): (?:(?<field>shift|start|handoff|end|mode|from|to): )?")]
    private static partial Regex SpecProblem();
}
