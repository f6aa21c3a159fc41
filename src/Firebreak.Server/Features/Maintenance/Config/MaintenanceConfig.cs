using Firebreak.Server.Features.Config;

namespace Firebreak.Server.Features.Maintenance.Config;

/// <summary>A maintenance window as config declares it; it is known by its service and reason.</summary>
public sealed record MaintenanceConfig(string Service, CreateMaintenanceRequest Request, SourceRef Where, IReadOnlyDictionary<string, SourceRef> FieldLines)
{
    public string Reason => Request.Reason ?? "";

    /// <summary>Where the validator's error for <paramref name="field"/> (reason, length, schedule) points.</summary>
    public SourceRef Line(string field) => FieldLines.GetValueOrDefault(field) ?? Where;
}

/// <summary>The maintenance windows a folder of config declares, as <c>set.Maintenance</c>.</summary>
public static class MaintenanceConfigSet
{
    extension(ConfigSet set)
    {
        public IReadOnlyList<MaintenanceConfig> Maintenance => set.Of<MaintenanceConfig>();
    }
}
