namespace Firebreak.Server.Hosting;

/// <summary>
/// One feature plugging itself into the server: its services, work handlers, config-as-code section, incident and
/// home panels and navigation links, then its endpoints. <see cref="FirebreakServer"/> composes features through this
/// and never names a feature's services, so adding a feature is one new folder and one line in its list.
/// </summary>
public interface IFeature
{
    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps endpoints and hooks that need the built app (metrics collected at scrape time).</summary>
    void Map(WebApplication app)
    {
    }

    /// <summary>After migrations, before the server takes requests: seeds what a fresh instance needs, in feature order.</summary>
    Task PrepareAsync(FeaturePreparation preparation, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>What a feature's start-up preparation gets: a scope's services, the server's options and configuration, the console.</summary>
public sealed record FeaturePreparation(IServiceProvider Services, ServerOptions Options, IConfiguration Configuration, TextWriter Console);
