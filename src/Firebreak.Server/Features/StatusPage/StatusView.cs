using Firebreak.Core.StatusPage;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>What the public page shows, read once: the page's line, each component with its uptime days, the public incidents.</summary>
/// <param name="Active">Unresolved public incidents, newest first.</param>
/// <param name="Past">Resolved public incidents, newest first.</param>
/// <param name="Maintenances">Public maintenance in progress, then upcoming, soonest first.</param>
public sealed record StatusView(
    StatusPageOptions Options, PageIndicator Indicator, IReadOnlyList<StatusView.Row> Rows, DateTimeOffset UpdatedAt,
    IReadOnlyList<StatusView.Incident> Active, IReadOnlyList<StatusView.Incident> Past, IReadOnlyList<StatusView.Maintenance> Maintenances)
{
    public sealed record Row(StatusComponent Component, IReadOnlyList<UptimeDay> Days)
    {
        public double Uptime => Days.Count == 0 ? 1 : Days.Average(d => d.Uptime);
    }

    /// <param name="Components">Names of the components it affects.</param>
    public sealed record Maintenance(PublicMaintenance Occurrence, IReadOnlyList<string> Components);

    /// <param name="Updates">Published updates, newest first.</param>
    /// <param name="Components">Names of the components it concerns.</param>
    public sealed record Incident(PublicIncident Public, IReadOnlyList<PublicIncidentUpdate> Updates, IReadOnlyList<string> Components)
    {
        public string Anchor => $"incident-{Public.Id}";
    }
}
