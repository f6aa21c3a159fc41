using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage.Subscribers;

/// <summary>A published public update as a notice tells it: under the public incident's current name.</summary>
public sealed record ToldUpdate(long Id, DateTimeOffset PublishedAt, string Incident, IReadOnlyList<string> Components, string Status, string Body);

/// <summary>
/// Which public incident updates a subscriber has not been told yet. The cursor is (publication time, id): an update
/// approved late was written before later ones but published after them, so the id alone would skip it.
/// </summary>
public static class PublicUpdatesTold
{
    private const int Most = 50;

    public static async Task<(DateTimeOffset At, long Id)?> LatestAsync(FirebreakDb db, CancellationToken ct) =>
        await Published(db).OrderByDescending(u => u.PublishedAt).ThenByDescending(u => u.Id)
            .Select(u => new { At = u.PublishedAt!.Value, u.Id }).FirstOrDefaultAsync(ct) is { } latest ? (latest.At, latest.Id) : null;

    /// <summary>Updates after the subscriber's cursor, oldest first; those about components they do not watch included.</summary>
    public static Task<List<ToldUpdate>> AfterAsync(FirebreakDb db, StatusSubscriber subscriber, CancellationToken ct) =>
        AfterAsync(db, subscriber.LastUpdateAt, subscriber.LastUpdateId, ct);

    /// <summary>Updates after the cursor (<paramref name="at"/>, <paramref name="id"/>), oldest first.</summary>
    public static async Task<List<ToldUpdate>> AfterAsync(FirebreakDb db, DateTimeOffset? at, long id, CancellationToken ct)
    {
        var updates = await Published(db)
            .Where(u => at == null || u.PublishedAt > at || (u.PublishedAt == at && u.Id > id))
            .OrderBy(u => u.PublishedAt).ThenBy(u => u.Id).Take(Most).ToListAsync(ct);
        var ids = updates.Select(u => u.PublicIncidentId).Distinct().ToList();
        var incidents = await db.Set<PublicIncident>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return [.. updates.Select(u => new ToldUpdate(u.Id, u.PublishedAt!.Value, incidents[u.PublicIncidentId].Name, incidents[u.PublicIncidentId].Components, u.Status, u.Body))];
    }

    /// <summary>An update about no component in particular concerns everyone; one about components, those who watch one.</summary>
    public static bool Concerns(ToldUpdate update, string watched)
    {
        var keys = watched.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return keys.Length == 0 || update.Components.Count == 0 || update.Components.Intersect(keys, StringComparer.Ordinal).Any();
    }

    private static IQueryable<PublicIncidentUpdate> Published(FirebreakDb db) =>
        db.Set<PublicIncidentUpdate>().AsNoTracking().Where(u => u.PublishedAt != null);
}
