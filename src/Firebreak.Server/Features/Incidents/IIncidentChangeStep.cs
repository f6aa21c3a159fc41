using Firebreak.Server.Storage;

namespace Firebreak.Server.Features.Incidents;

/// <summary>
/// Something another feature does when a responder changes an incident (acknowledge, status, severity, roles, notes,
/// checklist), in the same unit of work, before it is saved: escalation looks again at once. Registered with
/// <see cref="IncidentChangeRegistration.AddIncidentChangeStep{T}"/>; the incident feature never names the features behind them.
/// </summary>
public interface IIncidentChangeStep
{
    Task OnChangedAsync(FirebreakDb db, Incident incident, DateTimeOffset now, CancellationToken ct);
}

public static class IncidentChangeRegistration
{
    public static IServiceCollection AddIncidentChangeStep<T>(this IServiceCollection services)
        where T : class, IIncidentChangeStep => services.AddScoped<IIncidentChangeStep, T>();
}
