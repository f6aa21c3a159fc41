using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Notifications;

/// <summary>
/// The reads every page makes, from the escalation step that queues it to the send, compiled: EF otherwise spends
/// most of each of these small queries taking the LINQ apart and finding it in its cache again.
/// </summary>
internal sealed class PagingQueries
{
    private static readonly PerProvider<PagingQueries> s_byProvider = new(() => new PagingQueries());

    public static PagingQueries For(FirebreakDb db) => s_byProvider.For(db);

    public Func<FirebreakDb, string, IAsyncEnumerable<User>> ActiveUserByName { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, string username) => db.Set<User>().AsNoTracking().Where(u => u.Username == username && !u.Disabled));

    public Func<FirebreakDb, long, IAsyncEnumerable<User>> ActiveUserById { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, long id) => db.Set<User>().AsNoTracking().Where(u => u.Id == id && !u.Disabled));

    public Func<FirebreakDb, long, IAsyncEnumerable<NotificationRule>> Rules { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, long userId) => db.Set<NotificationRule>().AsNoTracking().Include(r => r.ContactMethod).Where(r => r.UserId == userId));

    public Func<FirebreakDb, long, IAsyncEnumerable<ContactMethod>> Methods { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, long userId) => db.Set<ContactMethod>().AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.Id).Select(c => c));

    public Func<FirebreakDb, Guid, CancellationToken, Task<NotificationDelivery?>> Delivery { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, Guid id, CancellationToken ct) => db.Set<NotificationDelivery>().FirstOrDefault(d => d.Id == id));

    public Func<FirebreakDb, long, CancellationToken, Task<Incident?>> IncidentWithService { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, long id, CancellationToken ct) => db.Set<Incident>().AsNoTracking().Include(i => i.Service).FirstOrDefault(i => i.Id == id));

    public Func<FirebreakDb, long, CancellationToken, Task<ContactMethod?>> Method { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, long id, CancellationToken ct) => db.Set<ContactMethod>().AsNoTracking().FirstOrDefault(c => c.Id == id));

    public Func<FirebreakDb, long, CancellationToken, Task<string?>> AccountEmail { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, long userId, CancellationToken ct) => db.Set<User>().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefault());

    /// <summary>Sends to one contact method since a time, counted no further than the limit: only "at the limit or not" matters.</summary>
    public Func<FirebreakDb, long, long?, ContactKind, DateTimeOffset, int, CancellationToken, Task<int>> RecentSends { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, long userId, long? methodId, ContactKind channel, DateTimeOffset since, int limit, CancellationToken ct) =>
            db.Set<NotificationDelivery>()
                .Where(d => d.UserId == userId && d.ContactMethodId == methodId && d.Channel == channel && d.Status == DeliveryStatus.Sent && d.FinishedAt > since)
                .Take(limit).Count());

    /// <summary>Who else the same page went to, for "also paged: …".</summary>
    public Func<FirebreakDb, long, string, long, IAsyncEnumerable<string>> AlsoPaged { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, long incidentId, string cause, long userId) => db.Set<NotificationDelivery>().AsNoTracking()
            .Where(o => o.IncidentId == incidentId && o.Cause == cause && o.UserId != userId)
            .Select(o => o.Username).Distinct().OrderBy(u => u).Select(u => u));
}
