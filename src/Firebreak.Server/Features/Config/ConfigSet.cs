using Firebreak.Core.Severity;

namespace Firebreak.Server.Features.Config;

/// <summary>
/// Everything a folder of config declares: config's own severity scheme, users, teams and services, and each
/// registered section's items by type (features add typed properties over <see cref="Of{T}"/>, e.g. <c>set.Schedules</c>).
/// </summary>
public sealed record ConfigSet(
    SeverityScheme? Severity,
    IReadOnlyList<UserConfig> Users,
    IReadOnlyList<TeamConfig> Teams,
    IReadOnlyList<ServiceConfig> Services,
    ConfigItems Items)
{
    public IReadOnlyList<T> Of<T>()
        where T : class => Items.Of<T>();

    public HashSet<string> UserNames() => Users.Select(u => u.Username).ToHashSet(StringComparer.Ordinal);

    public HashSet<string> ServiceKeys() => Services.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
}

/// <summary>The typed bag sections read their items into, one list per item type.</summary>
public sealed class ConfigItems
{
    private readonly Dictionary<Type, List<object>> _items = [];

    public void Add<T>(IEnumerable<T> items)
        where T : class
    {
        if (!_items.TryGetValue(typeof(T), out var list))
        {
            _items[typeof(T)] = list = [];
        }

        list.AddRange(items);
    }

    public IReadOnlyList<T> Of<T>()
        where T : class => _items.TryGetValue(typeof(T), out var list) ? [.. list.Cast<T>()] : [];
}
