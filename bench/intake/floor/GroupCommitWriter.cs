using System.Threading.Channels;

namespace Floor;

/// <summary>Group commit: requests queue their alerts; one writer commits everything queued and then answers them all.</summary>
internal sealed class GroupCommitWriter(IAlertStore store)
{
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _loop;

    public Task SubmitAsync(IReadOnlyList<IncomingAlert> alerts)
    {
        var work = new Work(alerts);
        if (!_queue.Writer.TryWrite(work))
        {
            throw new InvalidOperationException("Stopping.");
        }

        return work.Done.Task;
    }

    public void Start() => _loop = Task.Run(LoopAsync);

    public void Stop()
    {
        _queue.Writer.TryComplete();
        _loop?.GetAwaiter().GetResult();
    }

    private async Task LoopAsync()
    {
        var batch = new List<Work>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 5_000 && _queue.Reader.TryRead(out var work))
            {
                batch.Add(work);
            }

            try
            {
                await store.WriteAsync([.. batch.SelectMany(w => w.Alerts)], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                batch.ForEach(w => w.Done.TrySetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(w => w.Done.TrySetException(ex));
            }
        }
    }

    private sealed class Work(IReadOnlyList<IncomingAlert> alerts)
    {
        public IReadOnlyList<IncomingAlert> Alerts { get; } = alerts;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
