namespace Firebreak.Core.Incidents;

public enum IncidentRole
{
    Commander,
    TechLead,
    CommsLead,
    Scribe,
}

public static class IncidentRoleNames
{
    public static string ToWire(this IncidentRole role) => role switch
    {
        IncidentRole.Commander => "commander",
        IncidentRole.TechLead => "tech_lead",
        IncidentRole.CommsLead => "comms_lead",
        IncidentRole.Scribe => "scribe",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static string Title(this IncidentRole role) => role switch
    {
        IncidentRole.Commander => "Commander",
        IncidentRole.TechLead => "Tech lead",
        IncidentRole.CommsLead => "Comms lead",
        IncidentRole.Scribe => "Scribe",
        _ => role.ToString(),
    };

    public static bool TryParse(string? text, out IncidentRole role)
    {
        var normalized = text?.Trim().Replace('-', '_');
        foreach (var candidate in Enum.GetValues<IncidentRole>())
        {
            if (string.Equals(candidate.ToWire(), normalized, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), normalized, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    public static string AllWire => string.Join(", ", Enum.GetValues<IncidentRole>().Select(r => r.ToWire()));
}
