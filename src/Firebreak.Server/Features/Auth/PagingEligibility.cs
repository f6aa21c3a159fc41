using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Auth;

/// <summary>
/// Who may be paged or put on call: responders and admins. A viewer cannot acknowledge, so a page to one would stop
/// nobody's escalation and a shift given to one is a shift with nobody who can act.
/// </summary>
public static class PagingEligibility
{
    public static bool CanBePaged(Role role) => role >= Role.Responder;

    public static string ViewerProblem(string username) =>
        $"'{username}' is a viewer; only responders and admins can be paged or put on call (make them a responder first).";

    /// <summary>
    /// The viewers among <paramref name="usernames"/>, as the unit of work sees them: users config is creating or changing
    /// in the same transaction count with their new role. Unknown names are not reported here.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ViewersAsync(FirebreakDb db, IEnumerable<string> usernames, CancellationToken ct)
    {
        var names = usernames.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            return [];
        }

        var tracked = db.ChangeTracker.Entries<User>().Where(e => e.State != EntityState.Deleted)
            .ToDictionary(e => e.Entity.Username, e => e.Entity.Role, StringComparer.Ordinal);
        var untracked = names.Where(n => !tracked.ContainsKey(n)).ToList();
        var stored = await db.Users.AsNoTracking().Where(u => untracked.Contains(u.Username))
            .Select(u => new { u.Username, u.Role }).ToListAsync(ct);
        foreach (var s in stored)
        {
            tracked[s.Username] = s.Role;
        }

        return [.. names.Where(n => tracked.TryGetValue(n, out var role) && !CanBePaged(role))];
    }
}
