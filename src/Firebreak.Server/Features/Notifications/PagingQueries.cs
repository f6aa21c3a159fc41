using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
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

    // A person, their contact methods and the rules on each, as flat joined rows: one round trip, every join served by
    // an index. (A nested collection here makes SQLite materialize every contact method of every person first.)

    /// <summary>
    /// An active person by username or by id (the other null), one row per contact method and rule
    /// (<see cref="PersonRow.Group"/>).
    /// </summary>
    public Func<FirebreakDb, string?, long?, IAsyncEnumerable<PersonRow>> ActivePerson { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, string? username, long? id) =>
            from u in db.Set<User>().AsNoTracking()
            where (u.Username == username || u.Id == id) && !u.Disabled
            join c in db.Set<ContactMethod>().AsNoTracking() on u.Id equals c.UserId into methods
            from c in methods.DefaultIfEmpty()
            join r in db.Set<NotificationRule>().AsNoTracking() on c.Id equals r.ContactMethodId into rules
            from r in rules.DefaultIfEmpty()
            select new PersonRow { User = u, Method = c, RuleId = (long?)r.Id, RuleMinutes = (int?)r.DelayMinutes });

    /// <summary>A person's contact methods, one row per method and rule.</summary>
    public Func<FirebreakDb, long, IAsyncEnumerable<PersonRow>> MethodsWithRules { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, long userId) =>
            from c in db.Set<ContactMethod>().AsNoTracking()
            where c.UserId == userId
            join r in db.Set<NotificationRule>().AsNoTracking() on c.Id equals r.ContactMethodId into rules
            from r in rules.DefaultIfEmpty()
            select new PersonRow { User = null, Method = c, RuleId = (long?)r.Id, RuleMinutes = (int?)r.DelayMinutes });

    /// <summary>
    /// A delivery with everything sending it needs (<see cref="DeliveryFacts"/>) in one round trip: on PostgreSQL each
    /// of the four reads this replaces cost as much as the work it did.
    /// </summary>
    public Func<FirebreakDb, Guid, DateTimeOffset, int, CancellationToken, Task<DeliveryFacts?>> DeliveryToSend { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, Guid id, DateTimeOffset burstSince, int burstLimit, CancellationToken ct) =>
            (from d in db.Set<NotificationDelivery>().AsNoTracking()
             where d.Id == id
             join i in db.Set<Incident>().AsNoTracking() on d.IncidentId equals (long?)i.Id into incidents
             from i in incidents.DefaultIfEmpty()
             join c in db.Set<ContactMethod>().AsNoTracking() on d.ContactMethodId equals (long?)c.Id into methods
             from c in methods.DefaultIfEmpty()
             select new DeliveryFacts
             {
                 Delivery = d,
                 Incident = i,
                 Service = i.Service,
                 Method = c,
                 AccountEmail = db.Set<User>().Where(u => u.Id == d.UserId).Select(u => u.Email).FirstOrDefault(),
                 RecentSends = db.Set<NotificationDelivery>()
                     .Where(o => o.UserId == d.UserId && o.ContactMethodId == d.ContactMethodId && o.Channel == d.Channel
                         && o.Status == DeliveryStatus.Sent && o.FinishedAt > burstSince)
                     .Take(burstLimit).Count(),
             }).FirstOrDefault());

    public Func<FirebreakDb, long, CancellationToken, Task<ContactMethod?>> Method { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, long id, CancellationToken ct) => db.Set<ContactMethod>().AsNoTracking().FirstOrDefault(c => c.Id == id));

    public Func<FirebreakDb, long, CancellationToken, Task<string?>> AccountEmail { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, long userId, CancellationToken ct) => db.Set<User>().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefault());

    /// <summary>Who else the same page went to, for "also paged: …".</summary>
    public Func<FirebreakDb, long, string, long, IAsyncEnumerable<string>> AlsoPaged { get; } =
        EF.CompileAsyncQuery((FirebreakDb db, long incidentId, string cause, long userId) => db.Set<NotificationDelivery>().AsNoTracking()
            .Where(o => o.IncidentId == incidentId && o.Cause == cause && o.UserId != userId)
            .Select(o => o.Username).Distinct().OrderBy(u => u).Select(u => u));
}

/// <summary>
/// A delivery as stored (not tracked), its incident and service, the address it goes to, and how many sends the same
/// contact method had since the burst window opened, counted no further than the limit: only "at the limit or not" matters.
/// </summary>
internal sealed class DeliveryFacts
{
    public required NotificationDelivery Delivery { get; init; }

    public Incident? Incident { get; init; }

    public Service? Service { get; init; }

    public ContactMethod? Method { get; init; }

    public string? AccountEmail { get; init; }

    public int RecentSends { get; init; }
}

/// <summary>One joined row of a person (absent when only their methods were asked for), a contact method and a rule on it.</summary>
internal sealed class PersonRow
{
    public User? User { get; init; }

    public ContactMethod? Method { get; init; }

    public long? RuleId { get; init; }

    public int? RuleMinutes { get; init; }

    /// <summary>The rows' methods by id, each with the delays of its rules.</summary>
    public static List<MethodWithRules> Group(IEnumerable<PersonRow> rows) =>
        [.. rows.Where(r => r.Method is not null).GroupBy(r => r.Method!.Id).OrderBy(g => g.Key)
            .Select(g => new MethodWithRules(g.First().Method!, [.. g.Where(r => r.RuleId is not null).Select(r => new RuleDelay(r.RuleId!.Value, r.RuleMinutes!.Value))]))];
}

internal sealed record MethodWithRules(ContactMethod Method, IReadOnlyList<RuleDelay> Rules);

internal sealed record RuleDelay(long Id, int Minutes);
