namespace Firebreak.Server.Features.Config;

/// <summary>The mistakes found in a folder of config, in the order found, each at its file and line.</summary>
public sealed class ConfigErrors
{
    private readonly List<ConfigError> _errors = [];

    public IReadOnlyList<ConfigError> All => _errors;

    public void Add(SourceRef where, string message) => _errors.Add(new ConfigError(where, message));

    public void Add(ConfigError error) => _errors.Add(error);

    public void AddRange(IEnumerable<ConfigError> errors) => _errors.AddRange(errors);

    /// <summary>Each key written more than once, at its last place (the one to change), naming its first.</summary>
    public void Duplicates<T>(IEnumerable<T> items, Func<T, string> key, Func<T, SourceRef> where, string what)
    {
        foreach (var dup in items.GroupBy(key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Add(where(dup.Last()), $"{what} '{dup.Key}' is defined more than once (first at {where(dup.First())})");
        }
    }
}
