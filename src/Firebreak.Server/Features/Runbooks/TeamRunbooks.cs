using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Runbooks;

/// <summary>What a person's teams should look at: their runbooks that are not validated, and alerts of their services no runbook answers.</summary>
public sealed record TeamRunbooksDto(IReadOnlyList<string> Teams, IReadOnlyList<RunbookSummaryDto> Attention, IReadOnlyList<MissingRunbookDto> Missing);

/// <summary>The home panel's list for one person: by the teams they are a member of, the owner of a runbook and of a service.</summary>
public sealed class TeamRunbooks(FirebreakDb db, RunbookCatalog catalog, MissingRunbooks missing)
{
    /// <summary>Enough to act on from the home page; the rest is on /runbooks.</summary>
    public const int MaxShown = 8;

    public async Task<TeamRunbooksDto> ForUserAsync(long userId, CancellationToken ct)
    {
        var teams = await db.Teams.AsNoTracking().Where(t => t.Members.Any(m => m.Id == userId)).Select(t => t.Key).ToListAsync(ct);
        if (teams.Count == 0)
        {
            return new TeamRunbooksDto([], [], []);
        }

        var services = await db.Services.AsNoTracking().Where(s => s.OwnerTeam != null && teams.Contains(s.OwnerTeam.Key)).Select(s => s.Key).ToListAsync(ct);
        var attention = (await catalog.ListAsync(ct))
            .Where(r => r.Owner is { } owner && teams.Contains(owner) && r.Health != RunbookHealth.Validated)
            .OrderBy(r => RunbookHealthOrder(r.Health)).ThenBy(r => r.Title, StringComparer.OrdinalIgnoreCase)
            .Take(MaxShown).ToList();
        var gaps = (await missing.ListAsync(ct)).Where(m => m.Service is { } s && services.Contains(s, StringComparer.Ordinal)).Take(MaxShown).ToList();
        return new TeamRunbooksDto(teams, attention, gaps);
    }

    private static int RunbookHealthOrder(string health) => health switch
    {
        RunbookHealth.NeedsUpdate => 0,
        RunbookHealth.Stale => 1,
        _ => 2,
    };
}
