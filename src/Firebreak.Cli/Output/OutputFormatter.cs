using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Firebreak.Cli.Output;

/// <summary>
/// Human output. On a terminal: bordered tables and colour. In a pipe or with NO_COLOR: no escape codes, and in a
/// pipe no borders and no wrapping, so <c>grep</c> and <c>awk</c> see one incident per line. Each feature formats its
/// own items with extension methods built from these pieces.
/// </summary>
internal sealed class OutputFormatter
{
    // Wide enough that a pipe never wraps a row; Spectre would otherwise assume an 80-column terminal.
    private const int PipeWidth = 512;
    private const string TimeFormat = "yyyy-MM-dd HH:mm";

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

    public static Style Bold { get; } = new(decoration: Decoration.Bold);

    public void Line(string text) => _env.Out.WriteLine(text);

    public void Render(IRenderable renderable)
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

    public void Section(string title)
    {
        Line("");
        Render(new Text(title + "\n", Bold));
    }

    /// <summary>One table row per item, or <paramref name="empty"/> alone when there are none.</summary>
    public void Rows<T>(IReadOnlyList<T> items, string empty, string[] headers, Func<T, IRenderable[]> row)
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

    public Table NewTable(params string[] headers)
    {
        var table = new Table { Border = _env.OutputIsTerminal ? TableBorder.Rounded : TableBorder.None };
        foreach (var h in headers)
        {
            var column = new TableColumn(new Text(h, Bold));
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

    /// <summary>Label and value rows without borders, for an item's header.</summary>
    public static Grid Pairs()
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn { NoWrap = true, Padding = new Padding(0, 0, 3, 0) });
        grid.AddColumn();
        return grid;
    }

    public static void AddIfPresent(Grid grid, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            grid.AddRow(Plain(label), Plain(value));
        }
    }

    // Text, never Markup: titles and notes are user input, and "[red]" in a title must print as typed.
    public static Text Plain(string value) => new(value);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Duration(double seconds)
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
}
