using System.Collections.Concurrent;

namespace Firebreak.Server.Features.Notifications;

/// <summary>
/// One circuit breaker per contact method on this node: after <see cref="FailuresToOpen"/> failures in a row it opens
/// for <see cref="OpenFor"/>, and pages skip straight to the person's fallback channel instead of waiting on a
/// channel that is down. The first send after that is a trial: success closes it, failure opens it again.
/// </summary>
public sealed class ChannelBreakers(TimeProvider clock)
{
    public const int FailuresToOpen = 3;

    public static readonly TimeSpan OpenFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);

    /// <summary>Why the breaker for <paramref name="key"/> refuses a send now, or null when it may go.</summary>
    public string? Refusal(string key) =>
        _states.TryGetValue(key, out var s) && s.OpenUntil is { } until && until > clock.GetUtcNow()
            ? $"circuit open after {s.Failures} failures in a row; trying again after {until:HH:mm:ss} UTC"
            : null;

    public void Record(string key, bool sent)
    {
        if (sent)
        {
            _states.TryRemove(key, out _);
            return;
        }

        _states.AddOrUpdate(key, _ => new State(1, null), (_, s) =>
        {
            var failures = s.Failures + 1;
            return new State(failures, failures >= FailuresToOpen ? clock.GetUtcNow() + OpenFor : null);
        });
    }

    private sealed record State(int Failures, DateTimeOffset? OpenUntil);
}
