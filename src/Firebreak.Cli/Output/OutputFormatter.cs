using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Firebreak.Cli.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Firebreak.Cli.Output;

/// <summary>
/// Human output. On a terminal: bordered tables and colour. In a pipe or with NO_COLOR: no escape codes, and in a
/// pipe no borders and no wrapping, so <c>grep</c> and <c>awk</c> see one incident per line.
/// </summary>
internal sealed partial class OutputFormatter
{
    // Wide enough that a pipe never wraps a row; Spectre would otherwise assume an 80-column terminal.
    private const int PipeWidth = 512;
    private const string TimeFormat = "yyyy-MM-dd HH:mm";
    private static readonly Style s_bold = new(decoration: Decoration.Bold);

    private static readonly JsonSerializerOptions s_indented = new()
    {
        WriteIndented = true,
        // The output is read by people and jq, never embedded in HTML, so keep non-ASCII titles readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly CliEnvironment _env;
    private readonly IAnsiConsole _console;

    // In a pipe, Spectre pads every cell to its column's width; rendering into a buffer lets us trim the trailing
    // blanks it leaves at each line's end.
    private readonly StringWriter? _pipeBuffer;

    public OutputFormatter(CliEnvironment env)
    {
        _env = env;
        _pipeBuffer = env.OutputIsTerminal ? null : new StringWriter(CultureInfo.InvariantCulture);
        var plain = !env.OutputIsTerminal || !string.IsNullOrEmpty(env.GetVariable("NO_COLOR"));
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_pipeBuffer ?? env.Out),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        if (!env.OutputIsTerminal)
        {
            _console.Profile.Width = PipeWidth;
        }
    }

    public void Line(string text) => _env.Out.WriteLine(text);

    private void Render(IRenderable renderable)
    {
        _console.Write(renderable);
        if (_pipeBuffer is null)
        {
            return;
        }

        var text = _pipeBuffer.ToString().TrimEnd('\r', '\n');
        foreach (var line in text.Split('\n'))
        {
            _env.Out.WriteLine(line.TrimEnd());
        }

        _pipeBuffer.GetStringBuilder().Clear();
    }

    /// <summary>The server's JSON, re-indented but otherwise untouched, for scripts.</summary>
    public void Json(string raw)
    {
        using var doc = JsonDocument.Parse(raw.Length == 0 ? "null" : raw);
        _env.Out.WriteLine(JsonSerializer.Serialize(doc.RootElement, s_indented));
    }

    public void Incidents(IReadOnlyList<IncidentSummaryModel> incidents) => Rows(incidents, "No incidents match.",
        ["#", "SEVERITY", "STATUS", "TITLE", "SERVICE", "COMMANDER", "DECLARED (UTC)"],
        i =>
        [
            Plain(i.Number.ToString(CultureInfo.InvariantCulture)),
            Plain(i.Severity),
            Status(i.Status),
            Plain(i.IsDrill ? $"{i.Title} (drill)" : i.Title),
            Plain(i.Service ?? "-"),
            Plain(i.Commander ?? "-"),
            Plain(Time(i.DeclaredAt)),
        ]);

    public void Incident(IncidentDetailModel i)
    {
        Render(new Text($"#{i.Number}  {i.Title}{(i.IsDrill ? "  (drill)" : "")}\n", s_bold));
        var header = Pairs();
        header.AddRow(Plain("Ref"), Plain(i.Slug));
        header.AddRow(Plain("Severity"), Plain(i.SeverityName is { } name && name != i.Severity ? $"{i.Severity} ({name})" : i.Severity));
        header.AddRow(Plain("Status"), Status(i.Status));
        if (i.AllowedTransitions is { Count: > 0 } next)
        {
            header.AddRow(Plain("Next"), Plain(string.Join(", ", next)));
        }

        header.AddRow(Plain("Service"), Plain(i.Service is null ? "-" : i.ServiceName is { } sn && sn != i.Service ? $"{i.Service} ({sn})" : i.Service));
        header.AddRow(Plain("Declared"), Plain(Time(i.DeclaredAt) + " UTC"));
        AddIfPresent(header, "Impact", i.Impact);
        AddIfPresent(header, "Description", i.Description);
        Render(header);

        Section("Roles");
        var roles = Pairs();
        foreach (var (role, holder) in i.Roles ?? [])
        {
            roles.AddRow(Plain(role), Plain(holder is null ? "-" : $"{holder.DisplayName} ({holder.Username})"));
        }

        Render(roles);

        Section("Response");
        var metrics = Pairs();
        metrics.AddRow(Plain("TTA"), Plain(Metric(i.Metrics?.Tta, i.Targets?.AcknowledgeWithinSeconds)));
        metrics.AddRow(Plain("TTM"), Plain(Metric(i.Metrics?.Ttm, i.Targets?.MitigateWithinSeconds)));
        metrics.AddRow(Plain("TTR"), Plain(Metric(i.Metrics?.Ttr, null)));
        Render(metrics);

        if (i.Checklist is { Count: > 0 } checklist)
        {
            Section("Checklist");
            var items = Pairs();
            foreach (var c in checklist)
            {
                items.AddRow(Plain(c.Done ? "[x]" : "[ ]"), Plain(c.Done && c.DoneBy is not null ? $"{c.Text}  ({c.DoneBy})" : c.Text));
            }

            Render(items);
        }

        Section("Timeline (UTC)");
        var timeline = NewTable("TIME", "BY", "WHAT");
        foreach (var t in i.Timeline ?? [])
        {
            timeline.AddRow(Plain(t.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), Plain(t.Actor), Plain(t.Text));
        }

        Render(timeline);
    }

    /// <summary>The server's text ("12m", "4m so far" while running), with the severity's target when it has one.</summary>
    private static string Metric(MetricModel? metric, double? targetSeconds)
    {
        var value = metric?.Text ?? "-";
        return targetSeconds is { } t ? $"{value}  (target {Duration(t)})" : value;
    }

    private static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Days}d"));
        }

        if (span.Hours > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Hours}h"));
        }

        if (span.Minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m"));
        }

        if (span.Seconds > 0 || parts.Count == 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Seconds}s"));
        }

        return string.Join(' ', parts);
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private void Section(string title)
    {
        Line("");
        Render(new Text(title + "\n", s_bold));
    }

    /// <summary>One table row per item, or <paramref name="empty"/> alone when there are none.</summary>
    private void Rows<T>(IReadOnlyList<T> items, string empty, string[] headers, Func<T, IRenderable[]> row)
    {
        if (items.Count == 0)
        {
            Line(empty);
            return;
        }

        var table = NewTable(headers);
        foreach (var item in items)
        {
            table.AddRow(row(item));
        }

        Render(table);
    }

    private Table NewTable(params string[] headers)
    {
        var table = new Table { Border = _env.OutputIsTerminal ? TableBorder.Rounded : TableBorder.None };
        foreach (var h in headers)
        {
            var column = new TableColumn(new Text(h, s_bold));
            if (!_env.OutputIsTerminal)
            {
                // Borderless columns need a wider gap than one space to read as columns.
                column.NoWrap = true;
                column.Padding = new Padding(0, 0, 2, 0);
            }

            table.AddColumn(column);
        }

        return table;
    }

    private static Grid Pairs()
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn { NoWrap = true, Padding = new Padding(0, 0, 3, 0) });
        grid.AddColumn();
        return grid;
    }

    private static void AddIfPresent(Grid grid, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            grid.AddRow(Plain(label), Plain(value));
        }
    }

    // Text, never Markup: titles and notes are user input, and "[red]" in a title must print as typed.
    private static Text Plain(string value) => new(value);

    private static Text Status(string status) => new Text(status, status switch
    {
        "triggered" => new Style(Color.Red, decoration: Decoration.Bold),
        "investigating" or "identified" => new Style(Color.Yellow),
        "mitigating" or "monitoring" => new Style(Color.Blue),
        "resolved" or "closed" => new Style(Color.Green),
        _ => Style.Plain,
    });
}
