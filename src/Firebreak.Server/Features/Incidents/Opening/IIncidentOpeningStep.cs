using Firebreak.Server.Storage;

namespace Firebreak.Server.Features.Incidents.Opening;

/// <summary>A new incident as an opening step sees it: the row (with its id, not yet saved), what it was opened with, and when.</summary>
public sealed record OpenedIncident(Incident Incident, NewIncident Spec, DateTimeOffset Now);

/// <summary>
/// Something another feature does when an incident opens, inside the transaction that stores it (escalation snapshots
/// its policy and pages step 1; later runbook matching, status-page components, drill marking). Registered with
/// <see cref="IncidentOpeningRegistration.AddIncidentOpeningStep{T}"/>; <see cref="IncidentOpener"/> runs every step and
/// never names the features behind them. Steps are scoped: one instance per unit of work.
/// </summary>
public interface IIncidentOpeningStep
{
    /// <summary>Before the save: add rows that belong with the new incident. Nothing here saves.</summary>
    Task OnOpeningAsync(FirebreakDb db, OpenedIncident opened, CancellationToken ct);

    /// <summary>
    /// Once every incident of the unit of work is staged, inside its transaction, before the one save that stores them
    /// with whatever the steps add here. Reads see the database as it was before this unit of work: the new rows are
    /// only tracked (<c>FindAsync</c> and <c>Local</c> see them).
    /// </summary>
    Task OnAllOpenedAsync(FirebreakDb db, IReadOnlyList<OpenedIncident> opened, CancellationToken ct);
}

public static class IncidentOpeningRegistration
{
    public static IServiceCollection AddIncidentOpeningStep<T>(this IServiceCollection services)
        where T : class, IIncidentOpeningStep => services.AddScoped<IIncidentOpeningStep, T>();
}
