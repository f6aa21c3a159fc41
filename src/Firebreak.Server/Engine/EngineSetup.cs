using Firebreak.Server.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Engine;

public static class EngineSetup
{
    /// <summary>The durable work queue's runner, its commit signal and metrics; features add handlers with <see cref="AddWorkHandler{T}"/>.</summary>
    public static IServiceCollection AddEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(WorkRunnerOptions.FromConfiguration(configuration));
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<WorkSignal>());
        services.AddSingleton<WorkRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkRunner>());
        return services;
    }

    public static void MapEngine(this WebApplication app) =>
        app.Services.GetRequiredService<FirebreakMetrics>().OnCollect(app.Services, EngineMetrics.CollectAsync);

    /// <summary>Registers a handler for one kind of work item; it is a singleton, and one instance serves every node-local run.</summary>
    public static IServiceCollection AddWorkHandler<T>(this IServiceCollection services)
        where T : class, IWorkHandler
    {
        services.AddSingleton<T>();
        return services.AddSingleton<IWorkHandler>(sp => sp.GetRequiredService<T>());
    }
}
