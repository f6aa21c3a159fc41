using Firebreak.Server.Features.Audit;
using Firebreak.Server.Hosting;

namespace Firebreak.Server.Features.Config;

/// <summary>Config as code: reading YAML with file:line errors, planning and applying it in one transaction.</summary>
public sealed class ConfigFeature : IFeature
{
    /// <summary>Each feature registers its own <see cref="IConfigSection"/>; the reader and applier run whatever is registered.</summary>
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ConfigReader>();
        services.AddScoped<ConfigApplier>();
    }

    /// <summary>With <c>--demo</c>, the examples folder is applied and its incident history replayed.</summary>
    public async Task PrepareAsync(FeaturePreparation preparation, CancellationToken ct)
    {
        if (!preparation.Options.Demo)
        {
            return;
        }

        var console = preparation.Console;
        var dir = preparation.Options.ExamplesDir ?? ConfigApplier.FindExamplesDir();
        var result = await preparation.Services.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir, demo: true, ct);
        await console.WriteLineAsync(result.Errors.Count == 0
            ? $"Demo data loaded from {dir}: {result.Summary}. Demo users sign in with password '{ConfigApplier.DemoPassword}'."
            : $"Demo data in {dir} has errors:{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors)}");
        foreach (var notice in result.Notices)
        {
            await console.WriteLineAsync(notice);
        }
    }
}
