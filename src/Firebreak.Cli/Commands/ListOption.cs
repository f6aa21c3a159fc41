using System.CommandLine;

namespace Firebreak.Cli.Commands;

/// <summary>An option for several values, repeated (<c>--days sat --days sun</c>) or comma-separated (<c>--days sat,sun</c>).</summary>
internal sealed class ListOption : Option<string[]>
{
    public ListOption(string name, string description)
        : base(name)
    {
        Description = description + " Repeat the option or separate values with commas.";
    }

    /// <summary>The values given, or null for none so the request leaves the field out and the server's default applies.</summary>
    public List<string>? ValuesOf(ParseResult parse)
    {
        var values = (parse.GetValue(this) ?? [])
            .SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        return values.Count == 0 ? null : values;
    }
}
