using Firebreak.Core.Incidents;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Comms.Config;
using Firebreak.Server.Features.Comms.Pages;
using Firebreak.Server.Features.Comms.Stakeholders;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Hosting;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Comms;

/// <summary>Telling stakeholders: updates on the severity's cadence with reminders to the comms lead.</summary>
public sealed class CommsFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<StatusUpdateService>();
        services.AddScoped<CommsRenderer>();
        services.AddSingleton<IConfigSection, CommsTemplateSection>();
        services.AddSingleton<IConfigSection, StakeholderSection>();
        services.AddWorkHandler<CadenceReminderHandler>();
        services.AddIncidentOpeningStep<CadenceOnOpening>();
        services.AddIncidentChangeStep<CadenceOnChange>();
        services.AddSingleton<StakeholderDelivery>();
        services.AddScoped<StakeholderSendService>();
        services.AddWorkHandler<StakeholderSendHandler>();
        services.AddIncidentOpeningStep<StakeholdersOnOpening>();
        services.AddIncidentResolvedStep<StakeholdersOnResolved>();
        services.AddIncidentPanel<StakeholderUpdatePanel>(IncidentPanelPlace.Main, 5);
    }

    public void Map(WebApplication app) => app.MapCommsApi();

    /// <summary>Open incidents from before this feature (or restored from a backup without their items) get their cadence item.</summary>
    public async Task PrepareAsync(FeaturePreparation preparation, CancellationToken ct)
    {
        var db = preparation.Services.GetRequiredService<FirebreakDb>();
        var now = preparation.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        // Not Status < Resolved: stored as names, that compares text in SQL.
        var missing = await db.Incidents.Where(i => i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed
                && !db.Set<WorkItem>().Any(w => w.Kind == CadenceReminderHandler.KindName && w.IncidentId == i.Id))
            .Select(i => i.Id).ToListAsync(ct);
        foreach (var id in missing)
        {
            WorkQueue.Add(db, CadenceReminderHandler.KindName, now, now, incidentId: id);
        }

        if (missing.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
    }
}
