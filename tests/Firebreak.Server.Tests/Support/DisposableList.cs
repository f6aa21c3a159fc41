namespace Firebreak.Server.Tests.Support;

public sealed class DisposableList<T>(IEnumerable<T> items) : List<T>(items), IDisposable
    where T : IDisposable
{
    public void Dispose() => ForEach(i => i.Dispose());
}
