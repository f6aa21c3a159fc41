using Firebreak.Core.Incidents;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Storage;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Incidents.Config;

/// <summary>
/// The <c>incidents:</c> section: demo history, replayed through the real incident commands after a <c>--demo</c>
/// apply has committed. Plan and apply without demo data stage nothing for it.
/// </summary>
internal sealed class DemoIncidentSection : ConfigSection<DemoIncident>
{
    public override string Key => "incidents";

    public override int Order => ConfigOrder.DemoIncidents;

    public override Task<int> ReplayDemoAsync(ConfigSet set, IServiceProvider services, CancellationToken ct) =>
        new DemoHistory(services.GetRequiredService<FirebreakDb>(), services.GetRequiredService<SeverityCatalog>(),
            services.GetRequiredService<IncidentEvents>(), services.GetRequiredService<TimeProvider>(),
            services.GetServices<IIncidentResolvedStep>()).ReplayAsync(set.Incidents, ct);

    protected override DemoIncident? ReadItem(YamlMappingNode map, int index, YamlReading yaml)
    {
        var title = yaml.Required(map, "title");
        var severity = yaml.Required(map, "severity");
        var ago = yaml.Duration(map, "declared_ago");
        if (ago is null)
        {
            yaml.Error(map, "demo incident needs 'declared_ago' (e.g. 3d)");
        }

        var events = YamlReading.Get(map, "events") is { } ev ? yaml.Items(ev, (e, _) => ReadEvent(e, yaml)).ToList() : [];
        foreach (var e in events.Where(e => e.Status is not null && !IncidentStatusNames.TryParse(e.Status, out _)))
        {
            yaml.Errors.Add(e.Where, $"unknown status '{e.Status}'; use one of: {IncidentStatusNames.AllWire}");
        }

        return title is null || severity is null || ago is null
            ? null
            : new DemoIncident(title, severity, yaml.Str(map, "service"), yaml.Str(map, "description"), yaml.Str(map, "impact"), ago.Value,
                yaml.Duration(map, "impact_before"), yaml.Str(map, "commander"), yaml.Str(map, "declared_by"), events, yaml.Where(map));
    }

    protected override void Validate(ConfigSet set, IReadOnlyList<DemoIncident> incidents, ConfigErrors errors)
    {
        var userNames = set.UserNames();
        var serviceKeys = set.ServiceKeys();
        var scheme = set.Severity ?? SeverityPresets.Sev;
        foreach (var i in incidents)
        {
            if (i.Service is not null && !serviceKeys.Contains(i.Service))
            {
                errors.Add(i.Where, $"incident '{i.Title}' names unknown service '{i.Service}'");
            }

            if (scheme.Find(i.Severity) is null)
            {
                errors.Add(i.Where, $"incident '{i.Title}' has unknown severity '{i.Severity}'");
            }

            foreach (var who in new[] { i.Commander, i.DeclaredBy }.Concat(i.Events.Select(e => e.By)).OfType<string>().Where(w => !userNames.Contains(w)))
            {
                errors.Add(i.Where, $"incident '{i.Title}' names unknown user '{who}'");
            }
        }
    }

    /// <summary>History is written only after apply has committed, through the incident commands: nothing to stage.</summary>
    protected override Task StageAsync(ConfigSet set, IReadOnlyList<DemoIncident> incidents, ConfigStaging staging, IServiceProvider services, CancellationToken ct) =>
        Task.CompletedTask;

    private static DemoEvent? ReadEvent(YamlMappingNode map, YamlReading yaml)
    {
        var after = yaml.Duration(map, "after");
        if (after is null)
        {
            yaml.Error(map, "event needs 'after' (time since declaration, e.g. 4m)");
            return null;
        }

        return new DemoEvent(after.Value, yaml.Str(map, "status"), yaml.Str(map, "note"), yaml.Str(map, "by"), yaml.Str(map, "severity"), yaml.Where(map));
    }
}
