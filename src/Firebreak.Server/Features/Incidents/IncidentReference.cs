namespace Firebreak.Server.Features.Incidents;

/// <summary>How people name an incident: its number (42, #42, INC-42) or its slug.</summary>
public static class IncidentReference
{
    public static IQueryable<Incident> ByReference(this IQueryable<Incident> incidents, string reference)
    {
        if (IncidentReader.ParseNumber(reference) is { } number)
        {
            return incidents.Where(i => i.Number == number);
        }

        var slug = reference.Trim().ToLowerInvariant();
        return incidents.Where(i => i.Slug == slug);
    }

    public static string NotFound(string reference) =>
        $"No incident '{reference}'. Use its number (e.g. 42) or slug (e.g. inc-20250115-api-latency).";
}
