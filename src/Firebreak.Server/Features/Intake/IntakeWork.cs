using Firebreak.Core.Intake;

namespace Firebreak.Server.Features.Intake;

/// <summary>One request's alerts, waiting for the writer; <see cref="Done"/> completes once they are on disk.</summary>
public sealed record IntakeWork(Integration Integration, IReadOnlyList<AlertSignal> Signals, string? SourceAddress)
{
    public TaskCompletionSource<IReadOnlyList<IntakeResult>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the request weighs in the queue: its alerts, and at least one for an empty request.</summary>
    public int Weight => Math.Max(1, Signals.Count);
}

/// <summary>The writer's queue is full (or the server is stopping); the sender should retry after <see cref="RetryAfter"/>.</summary>
public sealed class IntakeBusyException(TimeSpan retryAfter, string message) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
