using System.Globalization;
using Firebreak.Cli.Output;
using Spectre.Console;
using static Firebreak.Cli.Output.OutputFormatter;

namespace Firebreak.Cli.Features.ActionItems;

/// <summary>Action items.</summary>
internal static class ActionOutput
{
    /// <summary>The server's page size for the list.</summary>
    public const int PageSize = 50;

    public static void ActionItems(this OutputFormatter output, IReadOnlyList<ActionItemModel> items, int page)
    {
        output.Rows(items,
            "No action items match.",
            ["KEY", "PRI", "STATUS", "DUE", "OWNER", "INCIDENT", "TITLE"],
            a =>
            [
                Plain(a.Key),
                Plain(a.Priority),
                Plain(Status(a.Status)),
                a.Overdue ? new Text($"{Due(a.Due)} overdue", new Style(Color.Red)) : Plain(Due(a.Due)),
                Plain(a.Owner ?? "-"),
                Plain(a.Incident is { } n ? "#" + Number(n) : "-"),
                Plain(a.Title),
            ]);
        if (items.Count == PageSize)
        {
            output.Line($"Page {Number(page)}; there may be more: --page {Number(page + 1)}.");
        }
    }

    public static void ActionItem(this OutputFormatter output, ActionItemModel a)
    {
        output.Render(new Text(a.Key + "  " + a.Title + "\n", Bold));
        var pairs = Pairs();
        pairs.AddRow(Plain("Status"), Plain(Status(a.Status)));
        pairs.AddRow(Plain("Priority"), Plain(a.Priority));
        pairs.AddRow(Plain("Owner"), Plain(a.Owner ?? "nobody yet"));
        pairs.AddRow(Plain("Due"), a.Overdue ? new Text(Due(a.Due) + " (overdue)", new Style(Color.Red)) : Plain(Due(a.Due)));
        pairs.AddRow(Plain("Incident"), Plain(a.Incident is { } n ? "#" + Number(n) : "-"));
        pairs.AddRow(Plain("Source"), Plain(a.Source));
        AddIfPresent(pairs, "Link", a.Link);
        pairs.AddRow(Plain("Created"), Plain($"{Time(a.CreatedAt)} UTC by {a.CreatedBy}"));
        if (a.ClosedAt is { } closed)
        {
            pairs.AddRow(Plain("Closed"), Plain(Time(closed) + " UTC"));
        }

        output.Render(pairs);
    }

    public static void ActionItemAdded(this OutputFormatter output, ActionItemModel a)
    {
        var who = a.Owner is null ? "no owner yet" : $"owner {a.Owner}";
        var due = a.Due is null ? "no due date" : $"due {Due(a.Due)}";
        output.Line($"Added {a.Key} to incident #{(a.Incident is { } n ? Number(n) : "?")}: {a.Title} ({a.Priority}, {who}, {due}).");
    }

    public static void ActionItemClosed(this OutputFormatter output, ActionItemModel a) =>
        output.Line($"{a.Key} is {Status(a.Status)}: {a.Title}");

    private static string Status(string status) => status switch
    {
        "in_progress" => "in progress",
        "wont_do" => "won't do",
        _ => status,
    };

    private static string Due(DateOnly? due) => due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}
