namespace Firebreak.Core.Incidents;

/// <summary>Where an incident is in its life. The order is the usual forward path.</summary>
public enum IncidentStatus
{
    Triggered,
    Investigating,
    Identified,
    Mitigating,
    Monitoring,
    Resolved,
    Closed,
}

public static class IncidentStatusNames
{
    public static string ToWire(this IncidentStatus status) => status switch
    {
        IncidentStatus.Triggered => "triggered",
        IncidentStatus.Investigating => "investigating",
        IncidentStatus.Identified => "identified",
        IncidentStatus.Mitigating => "mitigating",
        IncidentStatus.Monitoring => "monitoring",
        IncidentStatus.Resolved => "resolved",
        IncidentStatus.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? text, out IncidentStatus status)
    {
        foreach (var candidate in Enum.GetValues<IncidentStatus>())
        {
            if (string.Equals(candidate.ToWire(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static string AllWire => string.Join(", ", Enum.GetValues<IncidentStatus>().Select(s => s.ToWire()));

    public static bool IsOpen(this IncidentStatus status) => status < IncidentStatus.Resolved;
}
