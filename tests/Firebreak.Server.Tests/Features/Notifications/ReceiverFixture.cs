using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Notifications;

public sealed class ReceiverFixture : IAsyncLifetime
{
    public RecordingReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync() => Receiver = await RecordingReceiver.StartAsync();

    public async Task DisposeAsync() => await Receiver.DisposeAsync();

    /// <summary>A path no other test posts to, so tests sharing the receiver find their own request.</summary>
    public static string NewPath(string kind) => $"/hooks/{kind}/{Guid.NewGuid():N}";
}
