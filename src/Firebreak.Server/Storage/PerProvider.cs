using System.Collections.Concurrent;

namespace Firebreak.Server.Storage;

/// <summary>
/// One instance of <typeparamref name="T"/> per database provider, for compiled queries (<c>EF.CompileAsyncQuery</c>):
/// a compiled query keeps the model it first ran on, and one process may hold both providers (the test host does).
/// </summary>
public sealed class PerProvider<T>(Func<T> create)
{
    private readonly ConcurrentDictionary<Type, T> _byContext = new();

    public T For(FirebreakDb db) => _byContext.GetOrAdd(db.GetType(), _ => create());
}
