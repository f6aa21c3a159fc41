using System.Globalization;
using Firebreak.Core.Maintenance;
using Firebreak.Server.Features.Maintenance;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Config;

/// <summary>The <c>maintenance:</c> section: windows per service, once (from/to), weekly (days/start) or by cron.</summary>
public sealed partial class YamlConfigReader
{
    private static readonly string[] s_maintenanceFields = ["service", "reason", "from", "to", "days", "start", "cron", "duration", "time_zone"];

    private MaintenanceConfig? ReadMaintenance(YamlMappingNode map, int _)
    {
        Known(map, s_maintenanceFields);
        var service = Required(map, "service");
        var reason = Required(map, "reason");
        bool Has(string key) => map.Children.ContainsKey(new YamlScalarNode(key));
        string[] kinds = [.. new[]
        {
            Has("from") || Has("to") ? MaintenanceKinds.Once : null,
            Has("days") || Has("start") ? MaintenanceKinds.Weekly : null,
            Has("cron") ? MaintenanceKinds.Cron : null,
        }.OfType<string>()];
        if (kinds.Length != 1)
        {
            Error(map, "say when with exactly one of: from + to (once), days + start + duration (weekly), or cron + duration");
            return null;
        }

        var kind = kinds[0];
        var once = kind == MaintenanceKinds.Once;
        DateTimeOffset? from = null, to = null;
        string? duration = null;
        if (once)
        {
            from = Time(map, "from");
            to = Time(map, "to");
            if (Has("duration"))
            {
                Error(At(map, "duration"), "a one-off window runs from 'from' to 'to'; leave out 'duration'");
            }
        }
        else
        {
            duration = Required(map, "duration");
        }

        var days = kind == MaintenanceKinds.Weekly ? (Has("days") ? StringOrList(At(map, "days")) : []) : null;
        var scheduleKey = kind switch
        {
            MaintenanceKinds.Once => "to",
            MaintenanceKinds.Weekly => Has("days") ? "days" : "start",
            _ => "cron",
        };
        var lines = new Dictionary<string, SourceRef> { ["schedule"] = Where(Has(scheduleKey) ? At(map, scheduleKey) : map) };
        foreach (var (field, key) in new[] { ("reason", "reason"), ("length", "duration"), ("time_zone", "time_zone") }.Where(p => Has(p.Item2)))
        {
            lines[field] = Where(At(map, key));
        }

        var request = new CreateMaintenanceRequest(reason, kind, from, to, days, Str(map, "start"), Str(map, "cron"), duration, Str(map, "time_zone"));
        return service is null || reason is null || (once && (from is null || to is null)) ? null : new MaintenanceConfig(service, request, Where(map), lines);
    }

    private void CheckMaintenance(List<MaintenanceConfig> windows, List<ServiceConfig> services)
    {
        Duplicates(windows, w => $"{w.Service}: {w.Reason}", w => w.Where, "maintenance window");
        var byKey = services.ToDictionary(s => s.Key, StringComparer.Ordinal);
        foreach (var w in windows)
        {
            if (!byKey.TryGetValue(w.Service, out var service))
            {
                _errors.Add(new ConfigError(w.Where, $"maintenance window '{w.Reason}' names unknown service '{w.Service}'"));
                continue;
            }

            if (w.Request.TimeZone is { } zone && MaintenanceScheduleParser.Zone(zone) is null)
            {
                _errors.Add(new ConfigError(w.Line("time_zone"), $"unknown time zone '{zone}'; use an IANA name such as Europe/Berlin"));
                continue;
            }

            var (_, errors) = MaintenanceSpec.From(w.Request, service.TimeZone);
            _errors.AddRange(errors.SelectMany(e => e.Value.Select(message => new ConfigError(w.Line(e.Key), $"maintenance window '{w.Reason}': {message}"))));
        }
    }

    private DateTimeOffset? Time(YamlMappingNode map, string key) => Required(map, key) is null
        ? null
        : Parsed(map, key, (string text, out DateTimeOffset at) => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at),
            "a date and time; write e.g. 2026-03-01T22:00:00Z or 2026-03-01 23:00 +01:00");
}
