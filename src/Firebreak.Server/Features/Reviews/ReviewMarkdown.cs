using System.Globalization;
using System.Text;

namespace Firebreak.Server.Features.Reviews;

/// <summary>
/// A review as one Markdown document, for wikis and tickets. What people wrote goes in as they wrote it (it is
/// Markdown already); values in tables have their pipes and line breaks escaped so a table stays a table.
/// </summary>
public static class ReviewMarkdown
{
    public static string Render(ReviewDto r)
    {
        var md = new StringBuilder();
        var i = r.Incident;
        Line(md, $"# Post-incident review: #{i.Number} {i.Title}");
        Line(md);
        Line(md, $"- **Status:** {ReviewStatus.Text(r.Status)}{(r.PublishedAt is { } p ? $" ({Time(p)} by {r.PublishedBy})" : "")}");
        Line(md, $"- **Incident:** {i.Slug} · {i.Severity}{(i.Service is null ? "" : $" · {i.Service}")} · {i.Status}{(i.IsDrill ? " · drill" : "")}");
        Line(md, $"- **Declared:** {Time(i.DeclaredAt)}{(i.ResolvedAt is { } res ? $" · **Resolved:** {Time(res)}" : "")}");
        if (r.Owner is not null)
        {
            Line(md, $"- **Owner:** {r.OwnerName} ({r.Owner})");
        }

        if (r.DueAt is { } due)
        {
            Line(md, $"- **Due:** {Time(due)}");
        }

        Section(md, "Summary", r.Summary);
        Line(md, "## Impact");
        Line(md);
        Line(md, "| Level | Users affected | Duration | Revenue | SLA breached |");
        Line(md, "| --- | --- | --- | --- | --- |");
        var impact = r.Impact;
        Line(md, $"| {impact.Level} | {Number(impact.UsersAffected)} | {(impact.Minutes is { } m ? $"{m} min" : "unknown")} | {(impact.Revenue is { } rev ? rev.ToString("N2", CultureInfo.InvariantCulture) : "unknown")} | {(impact.SlaBreached is { } sla ? sla ? "yes" : "no" : "unknown")} |");
        Line(md);
        Line(md, "## Response metrics");
        Line(md);
        Line(md, "| Metric | Value | Target | Met |");
        Line(md, "| --- | --- | --- | --- |");
        foreach (var metric in r.Metrics)
        {
            var target = metric.TargetSeconds is { } t ? Core.Incidents.DurationText.Format(TimeSpan.FromSeconds(t)) : "—";
            var met = metric.TargetMet switch { true => "yes", false => "no", null => "—" };
            Line(md, $"| {metric.Label} ({metric.Key.ToUpperInvariant()}) | {Cell(metric.Text)} | {target} | {met} |");
        }

        Line(md);
        if (r.Roles.Count > 0)
        {
            Line(md, "## Roles");
            Line(md);
            foreach (var role in r.Roles)
            {
                Line(md, $"- {role.Role.Replace('_', ' ')}: {role.DisplayName} ({role.Username})");
            }

            Line(md);
        }

        var kept = r.Timeline.Where(t => t.Kept).ToList();
        if (kept.Count > 0)
        {
            Line(md, "## Timeline");
            Line(md);
            Line(md, "| Time (UTC) | Who | What |");
            Line(md, "| --- | --- | --- |");
            foreach (var entry in kept)
            {
                Line(md, $"| {Time(entry.At)} | {Cell(entry.Actor)} | {Cell(entry.Text)} |");
            }

            Line(md);
        }

        Line(md, "## Root cause");
        Line(md);
        Section(md, "Proximate cause", r.ProximateCause, 3);
        Section(md, "Contributing factors", r.ContributingFactors, 3);
        Section(md, "Detection gap", r.DetectionGap, 3);
        Section(md, "What went well", r.WentWell);
        Section(md, "What could be better", r.CouldBeBetter);
        if (r.Answers.Count > 0)
        {
            Line(md, "## Review questions");
            Line(md);
            foreach (var answer in r.Answers)
            {
                Section(md, answer.Question, answer.Answer, 3);
            }
        }

        Section(md, "Lessons learned", r.Lessons);
        if (r.ActionItems.Count > 0)
        {
            Line(md, "## Action items");
            Line(md);
            Line(md, "| Key | Title | Priority | Owner | Due | Status |");
            Line(md, "| --- | --- | --- | --- | --- | --- |");
            foreach (var a in r.ActionItems)
            {
                var dueOn = a.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
                Line(md, $"| {a.Key} | {Cell(a.Title)} | {a.Priority} | {(a.Owner is null ? "—" : Cell(a.Owner))} | {dueOn} | {a.Status.Replace('_', ' ')}{(a.Overdue ? " (overdue)" : "")} |");
            }

            Line(md);
        }

        return md.ToString().TrimEnd() + "\n";
    }

    private static void Section(StringBuilder md, string title, string text, int level = 2)
    {
        Line(md, $"{new string('#', level)} {title}");
        Line(md);
        Line(md, string.IsNullOrWhiteSpace(text) ? "_Not written._" : text.Trim());
        Line(md);
    }

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');

    private static string Cell(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
        .ReplaceLineEndings(" ");

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Number(int? n) => n is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "unknown";
}
