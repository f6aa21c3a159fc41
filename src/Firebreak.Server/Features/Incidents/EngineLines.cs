using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;

namespace Firebreak.Server.Features.Incidents;

/// <summary>
/// Timeline lines written by engine work (a step fired, a page sent). They do not bump the incident's revision: a page
/// going out while a responder edits the incident must not make either change fail as a conflict. Open pages are told
/// after the commit.
/// </summary>
public static class EngineLines
{
    public static void Add(WorkContext work, Incident? incident, Actor actor, string kind, string text)
    {
        if (incident is null)
        {
            return;
        }

        work.Db.TimelineEntries.Add(IncidentFactory.Entry(actor, work.Now, kind, text, incident.Id));
        var events = work.Services.GetRequiredService<IncidentEvents>();
        var change = new IncidentChanged(incident.Id, incident.Slug, incident.Revision, EngineLine: true);
        work.AfterCommit.Add(() => events.Publish(change));
    }
}
