namespace Firebreak.Cli.Commands;

/// <summary>Builds "?a=1&amp;b=2" from the filters a person gave, leaving out the ones they did not.</summary>
internal sealed class QueryString
{
    private readonly List<string> _pairs = [];

    public QueryString Add(string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            _pairs.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }

        return this;
    }

    public override string ToString() => _pairs.Count == 0 ? "" : "?" + string.Join('&', _pairs);
}
