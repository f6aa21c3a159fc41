using Firebreak.Server.Features.Maintenance;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// Pages for alerts that are still firing when their service's maintenance window ends. Checks every
/// <see cref="Period"/>: when a service has left maintenance since the last check (or alerts were held back since then),
/// the held alerts are routed again and open or join incidents like any new alert.
/// </summary>
public sealed partial class MaintenanceRelease(
    IServiceScopeFactory scopes, IntakeWriter writer, MaintenanceHolds holds, TimeProvider clock, ILogger<MaintenanceRelease> log)
    : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    private IReadOnlySet<long>? _lastActive;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One delay at a time rather than a periodic timer: after a long pause (a suspended VM, a test's clock jump)
        // one check covers the gap, where a periodic timer would fire once for every period missed.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.Failed(log, ex);
            }

            try
            {
                await Task.Delay(Period, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task CheckAsync(CancellationToken ct)
    {
        IReadOnlySet<long> active;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var windows = scope.ServiceProvider.GetRequiredService<MaintenanceService>();
            active = (await windows.ActiveAsync(clock.GetUtcNow(), ct)).Keys.ToHashSet();
        }

        // The first check after start-up always looks: a window may have ended while the server was down.
        var heldRecently = holds.TakeNoted();
        var leftMaintenance = _lastActive is null || _lastActive.Except(active).Any();
        _lastActive = active;
        if (!leftMaintenance && !heldRecently)
        {
            return;
        }

        var (released, changes) = await writer.WithBatchAsync(batch => batch.ReleaseSuppressedAsync(ct));
        writer.Publish(changes);
        if (released > 0)
        {
            Log.Released(log, released);
        }
    }
}

public sealed partial class MaintenanceRelease
{
    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Maintenance ended for {Released} alerts still firing; they now page")]
        public static partial void Released(ILogger logger, int released);

        [LoggerMessage(LogLevel.Error, "Releasing alerts held by maintenance failed; the next check retries")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}

/// <summary>Intake notes here that it held an alert back, so a window shorter than one check period is not missed.</summary>
public sealed class MaintenanceHolds
{
    private int _noted;

    public void Note() => Volatile.Write(ref _noted, 1);

    public bool TakeNoted() => Interlocked.Exchange(ref _noted, 0) == 1;
}
