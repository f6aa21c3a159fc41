using Firebreak.Core.StatusPage;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>What the public page shows, read once: the page's line, each component with its uptime days.</summary>
public sealed record StatusView(StatusPageOptions Options, PageIndicator Indicator, IReadOnlyList<StatusView.Row> Rows, DateTimeOffset UpdatedAt)
{
    public sealed record Row(StatusComponent Component, IReadOnlyList<UptimeDay> Days)
    {
        public double Uptime => Days.Count == 0 ? 1 : Days.Average(d => d.Uptime);
    }
}
