using Firebreak.Core.OnCall;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.OnCall;

/// <summary>Where someone is on call: layers they rotate in and overrides not yet over, as the unit of work sees them.</summary>
public sealed class ScheduleReferences(FirebreakDb db, TimeProvider clock) : IOnCallReferences
{
    public async Task<IReadOnlyList<string>> FindAsync(string username, CancellationToken ct)
    {
        // Local, after loading, holds what config apply is about to write as well as what is stored.
        await db.Schedules.LoadAsync(ct);
        var now = clock.GetUtcNow();
        var found = new List<string>();
        foreach (var row in db.Schedules.Local.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var spec = ScheduleService.SpecOf(row);
            for (var i = 0; i < spec.Layers.Count; i++)
            {
                if (spec.Layers[i].Participants.Any(slot => slot.Contains(username, StringComparer.Ordinal)))
                {
                    found.Add($"schedule '{row.Key}' (layer '{ScheduleSpec.LayerName(spec.Layers[i], i)}')");
                }
            }

            foreach (var o in (spec.Overrides ?? []).Where(o => o.Person == username && OverrideIds.ParseInstant(o.To) > now))
            {
                found.Add($"schedule '{row.Key}' (override {o.From} – {o.To})");
            }
        }

        return found;
    }
}
