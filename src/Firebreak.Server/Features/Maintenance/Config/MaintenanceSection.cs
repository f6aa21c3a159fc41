using System.Globalization;
using Firebreak.Core.Maintenance;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Storage;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Maintenance.Config;

/// <summary>The <c>maintenance:</c> section: windows per service, once (from/to), weekly (days/start) or by cron.</summary>
internal sealed class MaintenanceSection : ConfigSection<MaintenanceConfig>
{
    private static readonly string[] s_maintenanceFields = ["service", "reason", "from", "to", "days", "start", "cron", "duration", "time_zone", "public", "components"];

    private static readonly string[] s_publicFields = ["public", "components"];

    public override string Key => "maintenance";

    public override int Order => ConfigOrder.Maintenance;

    protected override MaintenanceConfig? ReadItem(YamlMappingNode map, int index, YamlReading yaml)
    {
        yaml.Known(map, s_maintenanceFields);
        var service = yaml.Required(map, "service");
        var reason = yaml.Required(map, "reason");
        bool Has(string key) => YamlReading.Has(map, key);
        string[] kinds = [.. new[]
        {
            Has("from") || Has("to") ? MaintenanceKinds.Once : null,
            Has("days") || Has("start") ? MaintenanceKinds.Weekly : null,
            Has("cron") ? MaintenanceKinds.Cron : null,
        }.OfType<string>()];
        if (kinds.Length != 1)
        {
            yaml.Error(map, "say when with exactly one of: from + to (once), days + start + duration (weekly), or cron + duration");
            return null;
        }

        var kind = kinds[0];
        var once = kind == MaintenanceKinds.Once;
        DateTimeOffset? from = null, to = null;
        string? duration = null;
        if (once)
        {
            from = Time(map, "from", yaml);
            to = Time(map, "to", yaml);
            if (Has("duration"))
            {
                yaml.Error(YamlReading.At(map, "duration"), "a one-off window runs from 'from' to 'to'; leave out 'duration'");
            }
        }
        else
        {
            duration = yaml.Required(map, "duration");
        }

        var days = kind == MaintenanceKinds.Weekly ? (Has("days") ? yaml.StringOrList(YamlReading.At(map, "days")) : []) : null;
        var scheduleKey = kind switch
        {
            MaintenanceKinds.Once => "to",
            MaintenanceKinds.Weekly => Has("days") ? "days" : "start",
            _ => "cron",
        };
        var lines = new Dictionary<string, SourceRef> { ["schedule"] = yaml.Where(Has(scheduleKey) ? YamlReading.At(map, scheduleKey) : map) };
        foreach (var (field, key) in new[] { ("reason", "reason"), ("length", "duration"), ("time_zone", "time_zone") }.Where(p => Has(p.Item2)))
        {
            lines[field] = yaml.Where(YamlReading.At(map, key));
        }

        foreach (var key in s_publicFields.Where(Has))
        {
            lines[key] = yaml.Where(YamlReading.At(map, key));
        }

        var isPublic = yaml.Str(map, "public") switch
        {
            null or "false" => false,
            "true" => true,
            var text => Invalid(text),
        };
        bool Invalid(string text)
        {
            yaml.Error(YamlReading.At(map, "public"), $"public is '{text}'; use true (shown on the status page) or false");
            return false;
        }

        var components = Has("components") ? yaml.StringOrList(YamlReading.At(map, "components")) : null;
        var request = new CreateMaintenanceRequest(reason, kind, from, to, days, yaml.Str(map, "start"), yaml.Str(map, "cron"), duration, yaml.Str(map, "time_zone"),
            isPublic, components is null ? null : [.. components]);
        return service is null || reason is null || (once && (from is null || to is null)) ? null : new MaintenanceConfig(service, request, yaml.Where(map), lines);
    }

    protected override void Validate(ConfigSet set, IReadOnlyList<MaintenanceConfig> windows, ConfigErrors errors)
    {
        errors.Duplicates(windows, w => $"{w.Service}: {w.Reason}", w => w.Where, "maintenance window");
        var byKey = set.Services.ToDictionary(s => s.Key, StringComparer.Ordinal);
        foreach (var w in windows)
        {
            if (!byKey.TryGetValue(w.Service, out var service))
            {
                errors.Add(w.Where, $"maintenance window '{w.Reason}' names unknown service '{w.Service}'");
                continue;
            }

            if (w.Request.TimeZone is { } zone && MaintenanceScheduleParser.Zone(zone) is null)
            {
                errors.Add(w.Line("time_zone"), $"unknown time zone '{zone}'; use an IANA name such as Europe/Berlin");
                continue;
            }

            var (_, problems) = MaintenanceSpec.From(w.Request, service.TimeZone);
            errors.AddRange(problems.SelectMany(e => e.Value.Select(message => new ConfigError(w.Line(e.Key), $"maintenance window '{w.Reason}': {message}"))));
        }
    }

    protected override Task StageAsync(ConfigSet set, IReadOnlyList<MaintenanceConfig> windows, ConfigStaging staging, IServiceProvider services, CancellationToken ct) =>
        new MaintenanceStage(services.GetRequiredService<FirebreakDb>(), services.GetRequiredService<TimeProvider>()).StageAsync(staging, windows, staging.Actor, ct);

    private static DateTimeOffset? Time(YamlMappingNode map, string key, YamlReading yaml) => yaml.Required(map, key) is null
        ? null
        : yaml.Parsed(map, key, (string text, out DateTimeOffset at) => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at),
            "a date and time; write e.g. 2026-03-01T22:00:00Z or 2026-03-01 23:00 +01:00");
}
