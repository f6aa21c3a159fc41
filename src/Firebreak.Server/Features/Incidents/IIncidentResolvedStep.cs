using Firebreak.Server.Storage;

namespace Firebreak.Server.Features.Incidents;

/// <summary>
/// Something another feature does when an incident becomes resolved, by a responder or because all of its alerts
/// resolved, in the same unit of work before it is saved: reviews open their draft. Registered with
/// <see cref="IncidentResolvedRegistration.AddIncidentResolvedStep{T}"/>; the incident feature never names the features
/// behind them. Not called for an incident merged into another (that one carries on).
/// </summary>
public interface IIncidentResolvedStep
{
    Task OnResolvedAsync(FirebreakDb db, Incident incident, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Whether replayed demo history runs it: what follows an incident (its review draft) does; telling people (sends,
    /// the status page) does not, since that history happened before anyone could have been told.
    /// </summary>
    bool InHistory => true;
}

public static class IncidentResolvedRegistration
{
    public static IServiceCollection AddIncidentResolvedStep<T>(this IServiceCollection services)
        where T : class, IIncidentResolvedStep => services.AddScoped<IIncidentResolvedStep, T>();
}
