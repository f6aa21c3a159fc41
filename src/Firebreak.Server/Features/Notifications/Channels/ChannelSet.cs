using System.Collections.Frozen;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>Every registered channel by its kind; the one place a sender asks "how do I reach this address?".</summary>
public sealed class ChannelSet(IEnumerable<INotificationChannel> channels)
{
    private readonly FrozenDictionary<ContactKind, INotificationChannel> _byKind = channels.ToFrozenDictionary(c => c.Kind);

    public IReadOnlyCollection<ContactKind> Kinds => _byKind.Keys;

    public INotificationChannel For(ContactKind kind) =>
        _byKind.TryGetValue(kind, out var channel) ? channel : throw new InvalidOperationException($"no notification channel for {kind}");

    /// <summary>Checks the address, then sends through its channel; a bad address is a permanent failure, not a throw.</summary>
    public Task<DeliveryOutcome> SendAsync(ContactAddress to, NotificationMessage message, CancellationToken ct)
    {
        if (ContactAddressRules.Problem(to) is { } problem)
        {
            return Task.FromResult(DeliveryOutcome.Failed(problem, permanent: true));
        }

        return _byKind.TryGetValue(to.Kind, out var channel)
            ? channel.SendAsync(to, message, ct)
            : Task.FromResult(DeliveryOutcome.Failed($"no notification channel for {to.Kind}", permanent: true));
    }
}
