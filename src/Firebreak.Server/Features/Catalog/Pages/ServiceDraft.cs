namespace Firebreak.Server.Features.Catalog.Pages;

/// <summary>The service form's fields; empty team or policy means none.</summary>
public sealed class ServiceDraft
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Team { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public string EscalationPolicy { get; set; } = "";
    public string AutoResolve { get; set; } = "resolved";

    public static ServiceDraft Of(ServiceDto s) => new()
    {
        Key = s.Key,
        Name = s.Name,
        Team = s.Team ?? "",
        TimeZone = s.TimeZone ?? "",
        EscalationPolicy = s.EscalationPolicy ?? "",
        AutoResolve = s.AutoResolve,
    };

    public ServiceRequest ToRequest(bool withKey) => new(withKey ? Key : null, Name, null, Team, TimeZone, EscalationPolicy, AutoResolve);
}
