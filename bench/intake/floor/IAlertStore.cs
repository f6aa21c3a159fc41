namespace Floor;

/// <summary>Where the floor keeps one row per distinct alert.</summary>
internal interface IAlertStore : IDisposable
{
    /// <summary>Stores every alert of a batch of requests, durably, in one transaction.</summary>
    Task WriteAsync(IReadOnlyList<IncomingAlert> alerts, long now);

    /// <summary>Upkeep beside the writer until <paramref name="stop"/> (SQLite's checkpoints).</summary>
    Task RunAsync(CancellationToken stop);
}
