using Firebreak.Server.Components.Shared;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// Tells open alert pages that alerts changed — repeats of open alerts, alerts held by maintenance — which no incident
/// event announces. At most once per <see cref="Interval"/>, the last change in a burst always announced: in a storm
/// every batch changes alerts, and a reload per batch would keep every open page reloading.
/// </summary>
public sealed class AlertActivity(TimeProvider clock) : ILiveSignal, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private DateTimeOffset _last = DateTimeOffset.MinValue;
    private ITimer? _pending;

    /// <summary>Raised on a timer or intake thread; subscribers must not block.</summary>
    public event Action? Changed;

    public void Note()
    {
        lock (_gate)
        {
            if (_pending is not null)
            {
                return;
            }

            var wait = _last + Interval - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                _pending = clock.CreateTimer(_ => Announce(), null, wait, Timeout.InfiniteTimeSpan);
                return;
            }

            _last = clock.GetUtcNow();
        }

        Changed?.Invoke();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _pending?.Dispose();
            _pending = null;
        }
    }

    private void Announce()
    {
        lock (_gate)
        {
            _pending?.Dispose();
            _pending = null;
            _last = clock.GetUtcNow();
        }

        Changed?.Invoke();
    }
}
