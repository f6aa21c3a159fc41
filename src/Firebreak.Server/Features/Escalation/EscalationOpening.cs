using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Storage;

namespace Firebreak.Server.Features.Escalation;

/// <summary>
/// When an incident opens: snapshot its service's policy onto it and page step 1, so the first pages are stored by the
/// save that stores the incident and go out straight after that one commit.
/// </summary>
public sealed class EscalationOpening(IServiceProvider services) : IIncidentOpeningStep
{
    public Task OnOpeningAsync(FirebreakDb db, OpenedIncident opened, CancellationToken ct)
    {
        if (opened.Spec.Test is { PageOnCall: false } test)
        {
            Escalations.StartForTestSender(db, opened.Incident, test.SentBy, opened.Now);
            return Task.CompletedTask;
        }

        return Escalations.StartAsync(db, services.GetRequiredService<TableCache<EscalationPolicyRecord>>(), opened.Incident, opened.Spec.Service,
            services.GetRequiredService<EscalationOptions>().DefaultPolicy, opened.Now, ct);
    }

    public Task OnAllOpenedAsync(FirebreakDb db, IReadOnlyList<OpenedIncident> opened, CancellationToken ct) =>
        Escalations.FireOpeningStepsAsync(db, services, opened, ct);
}

/// <summary>Acknowledging, mitigating or re-rating an incident changes what its escalation does next: look again now.</summary>
public sealed class EscalationOnChange : IIncidentChangeStep
{
    public Task OnChangedAsync(FirebreakDb db, Incident incident, DateTimeOffset now, CancellationToken ct) =>
        Escalations.NudgeAsync(db, incident.Id, now, ct);
}
