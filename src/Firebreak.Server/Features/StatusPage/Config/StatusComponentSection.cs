using System.Text.RegularExpressions;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Maintenance.Config;
using Firebreak.Server.Storage;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.StatusPage.Config;

/// <summary>The <c>status_components:</c> section: what the public status page lists, in order, and the services behind each.</summary>
internal sealed partial class StatusComponentSection : ConfigSection<StatusComponentConfig>
{
    private static readonly string[] s_fields = ["key", "name", "description", "group", "services"];

    public override string Key => "status_components";

    public override int Order => ConfigOrder.StatusComponents;

    protected override StatusComponentConfig? ReadItem(YamlMappingNode map, int index, YamlReading yaml)
    {
        yaml.Known(map, s_fields);
        var key = yaml.Required(map, "key");
        var name = yaml.Required(map, "name");
        if (key is not null && !KeyShape().IsMatch(key))
        {
            yaml.Error(YamlReading.At(map, "key"), $"component key '{key}' must be lower-case letters, digits and dashes (up to 64), e.g. checkout-api");
            return null;
        }

        if (name is { Length: > 200 })
        {
            yaml.Error(YamlReading.At(map, "name"), "a component name is at most 200 characters");
            return null;
        }

        var services = YamlReading.Get(map, "services") is { } node ? yaml.StringOrList(node) : [];
        return key is null || name is null
            ? null
            : new StatusComponentConfig(key, name, yaml.Str(map, "description"), yaml.Str(map, "group"), services, index, yaml.Where(map));
    }

    protected override void Validate(ConfigSet set, IReadOnlyList<StatusComponentConfig> items, ConfigErrors errors)
    {
        errors.Duplicates(items, c => c.Key, c => c.Where, "status component");
        var services = set.Services.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var c in items)
        {
            foreach (var unknown in c.Services.Where(s => !services.Contains(s)))
            {
                errors.Add(c.Where, $"status component '{c.Key}' names unknown service '{unknown}'");
            }
        }

        // Public maintenance windows name components; checked here, where the components are known, when both are in the set.
        var keys = items.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var w in set.Maintenance.Where(_ => keys.Count > 0))
        {
            foreach (var unknown in (w.Request.Components ?? []).Where(k => !keys.Contains(k)))
            {
                errors.Add(w.Line("components"), $"maintenance window '{w.Reason}' names unknown status component '{unknown}'");
            }
        }
    }

    protected override Task StageAsync(ConfigSet set, IReadOnlyList<StatusComponentConfig> items, ConfigStaging staging, IServiceProvider services, CancellationToken ct) =>
        new StatusComponentStage(services.GetRequiredService<FirebreakDb>(), services.GetRequiredService<TimeProvider>()).StageAsync(staging, items, ct);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex KeyShape();
}
