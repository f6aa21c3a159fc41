using Firebreak.Server.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Incidents.Pages;

/// <summary>A page (or panel) that follows committed incident changes, on its own or another feature's behalf.</summary>
public abstract class LiveIncidentsPage : UiPage
{
    [Inject]
    private IncidentEvents Incidents { get; set; } = default!;

    /// <summary>
    /// Reloads through <paramref name="refresh"/> whenever a matching incident change is committed, and, with
    /// <paramref name="alsoOn"/>, when that signal fires (intake changing alerts without changing an incident, say).
    /// </summary>
    protected void WatchIncidents(Func<IncidentChanged, bool> filter, Func<Task> refresh, ILiveSignal? alsoOn = null)
    {
        Watch(Incidents, filter, refresh);
        if (alsoOn is not null)
        {
            Watch(alsoOn, refresh);
        }
    }
}
