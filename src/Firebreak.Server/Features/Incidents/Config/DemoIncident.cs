using Firebreak.Server.Features.Config;

namespace Firebreak.Server.Features.Incidents.Config;

public sealed record DemoEvent(TimeSpan After, string? Status, string? Note, string? By, string? Severity, SourceRef Where);

public sealed record DemoIncident(
    string Title, string Severity, string? Service, string? Description, string? Impact, TimeSpan Ago,
    TimeSpan? ImpactBefore, string? Commander, string? DeclaredBy, IReadOnlyList<DemoEvent> Events, SourceRef Where);

/// <summary>The demo incidents a folder of config declares, as <c>set.Incidents</c>.</summary>
public static class DemoIncidentConfigSet
{
    extension(ConfigSet set)
    {
        public IReadOnlyList<DemoIncident> Incidents => set.Of<DemoIncident>();
    }
}
