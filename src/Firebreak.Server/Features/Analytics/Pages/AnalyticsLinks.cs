namespace Firebreak.Server.Features.Analytics.Pages;

/// <summary>The page's filters as a query string, for the CSV links beside each table.</summary>
public static class AnalyticsLinks
{
    public static string QueryString(AnalyticsQuery query)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("from", query.From);
        Add("to", query.To);
        Add("severity", query.Severity);
        Add("service", query.Service);
        Add("team", query.Team);
        Add("include", query.Include);
        Add("tz", query.Tz);
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    public static string Csv(string table, string query) => $"/api/v1/analytics/{table}.csv{query}";
}
