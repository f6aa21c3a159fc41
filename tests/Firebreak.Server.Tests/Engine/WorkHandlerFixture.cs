using Firebreak.Server.Engine;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Engine;

/// <summary>A server with the engine's background loops off (tests drive it) and one test handler of their own.</summary>
public abstract class WorkHandlerFixture<THandler>(DatabaseProvider provider) : IAsyncLifetime
    where THandler : class, IWorkHandler, new()
{
    public THandler Handler { get; } = new();

    public RunningServer Server { get; private set; } = null!;

    public WorkRunner Runner => Server.App.Services.GetRequiredService<WorkRunner>();

    public async Task InitializeAsync() =>
        Server = await RunningServer.StartAsync(provider, new Dictionary<string, string?> { ["Firebreak:Engine:Background"] = "false" },
            services => services.AddSingleton<IWorkHandler>(Handler));

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}
