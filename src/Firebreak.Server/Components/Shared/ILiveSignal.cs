namespace Firebreak.Server.Components.Shared;

/// <summary>
/// Something besides an incident change that should make an open page reload (alerts repeating, say). Raised on any
/// thread; subscribers must not block.
/// </summary>
public interface ILiveSignal
{
    event Action? Changed;
}
