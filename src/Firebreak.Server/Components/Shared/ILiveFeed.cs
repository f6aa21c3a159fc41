namespace Firebreak.Server.Components.Shared;

/// <summary>Committed changes an open page can follow (incident changes, say). Raised on any thread; subscribers must not block.</summary>
public interface ILiveFeed<TChange>
{
    event Action<TChange>? Changed;
}
