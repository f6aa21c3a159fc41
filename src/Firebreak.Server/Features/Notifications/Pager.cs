using Firebreak.Server.Engine;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Notifications;

/// <summary>Who a page reached, in words for the timeline ("bob (email, slack after 2 min)"), and who it could not.</summary>
public sealed record PageSummary(IReadOnlyList<string> Paged, IReadOnlyList<string> Problems)
{
    public string Describe() => string.Join("; ", new[]
    {
        Paged.Count > 0 ? $"paging {string.Join(", ", Paged)}" : "nobody paged",
        Problems.Count > 0 ? string.Join("; ", Problems) : null,
    }.OfType<string>());
}

/// <summary>People a page is for, by username or id, with what already stood in the way of finding them.</summary>
public sealed record PageRecipients(IReadOnlyCollection<string> Usernames, IReadOnlyCollection<long> UserIds, IReadOnlyList<string> Problems);

/// <summary>
/// Pages people: follows each person's notification rules and queues one delivery per contact method and delay.
/// Deliveries and their work items are added to <paramref name="db"/> without saving, so they commit with whatever
/// caused them (an escalation step, a reassign, a test).
/// </summary>
public static class Pager
{
    public static async Task<PageSummary> PageAsync(
        FirebreakDb db, Incident incident, PageRecipients recipients, string cause, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var problems = new List<string>(recipients.Problems);
        var (usernames, userIds) = (recipients.Usernames, recipients.UserIds);
        var found = await FindActiveAsync(db, usernames, userIds, ct);
        // Viewers cannot acknowledge, so a page to one would stop nothing; validation keeps them out of schedules and
        // policies, and this keeps a role changed since then from paging them anyway.
        var people = found.Where(p => PagingEligibility.CanBePaged(p.User.Role)).ToList();
        problems.AddRange(found.Where(p => !PagingEligibility.CanBePaged(p.User.Role)).Select(p => $"{p.User.Username} is a viewer and is never paged"));
        problems.AddRange(usernames.Distinct().Where(n => found.All(p => p.User.Username != n)).Select(n => $"no active user '{n}'"));
        var paged = new List<string>();
        foreach (var person in people.OrderBy(p => p.User.Username, StringComparer.Ordinal))
        {
            var user = person.User;
            var plan = person.Methods is { } methods ? Plan(user, methods) : await PlanAsync(db, user, ct);
            if (plan.Count == 0)
            {
                problems.Add($"{user.Username} has no contact methods");
                continue;
            }

            foreach (var (method, delay) in plan)
            {
                Queue(db, incident.Id, user, method, cause, reason, attempt: 0, now + delay, now);
            }

            paged.Add($"{user.Username} ({string.Join(", ", plan.Select(p => p.Delay == TimeSpan.Zero ? Name(p.Method) : $"{Name(p.Method)} after {p.Delay.TotalMinutes:0} min"))})");
        }

        return new PageSummary(paged, problems);
    }

    /// <summary>
    /// A step pages a few people: one compiled query each, bringing their contact methods and rules along, costs less
    /// than one query with lists, whose SQL EF writes anew every time. Many people are found with one query and their
    /// plans read one by one (<see cref="Found.Methods"/> null).
    /// </summary>
    private static async Task<List<Found>> FindActiveAsync(FirebreakDb db, IReadOnlyCollection<string> usernames, IReadOnlyCollection<long> userIds, CancellationToken ct)
    {
        if (usernames.Count + userIds.Count > FewPeople)
        {
            var users = await db.Users.AsNoTracking().Where(u => (usernames.Contains(u.Username) || userIds.Contains(u.Id)) && !u.Disabled).ToListAsync(ct);
            return [.. users.Select(u => new Found(u, null))];
        }

        var queries = PagingQueries.For(db);
        var found = new List<Found>();
        foreach (var name in usernames.Distinct())
        {
            found.AddRange(Person(await queries.ActivePerson(db, name, null).ToListAsync(ct)));
        }

        foreach (var id in userIds.Distinct())
        {
            found.AddRange(Person(await queries.ActivePerson(db, null, id).ToListAsync(ct)));
        }

        return [.. found.DistinctBy(p => p.User.Id)];
    }

    private static IEnumerable<Found> Person(List<PersonRow> rows) =>
        rows is [{ User: { } user }, ..] ? [new Found(user, PersonRow.Group(rows))] : [];

    private sealed record Found(User User, IReadOnlyList<MethodWithRules>? Methods);

    private const int FewPeople = 4;

    /// <summary>
    /// A person's notification rules; without rules, every contact method at once; without contact methods, the email
    /// address on their account.
    /// </summary>
    public static async Task<IReadOnlyList<(ContactMethod? Method, TimeSpan Delay)>> PlanAsync(FirebreakDb db, User user, CancellationToken ct) =>
        Plan(user, PersonRow.Group(await PagingQueries.For(db).MethodsWithRules(db, user.Id).ToListAsync(ct)));

    internal static IReadOnlyList<(ContactMethod? Method, TimeSpan Delay)> Plan(User user, IReadOnlyList<MethodWithRules> methods)
    {
        var rules = methods.SelectMany(m => m.Rules.Select(r => (m.Method, Rule: r))).OrderBy(x => x.Rule.Minutes).ThenBy(x => x.Rule.Id).ToList();
        if (rules.Count > 0)
        {
            return [.. rules.Select(x => ((ContactMethod?)x.Method, TimeSpan.FromMinutes(x.Rule.Minutes)))];
        }

        if (methods.Count > 0)
        {
            return [.. methods.Select(m => ((ContactMethod?)m.Method, TimeSpan.Zero))];
        }

        return string.IsNullOrWhiteSpace(user.Email) ? [] : [(null, TimeSpan.Zero)];
    }

    public static NotificationDelivery Queue(
        FirebreakDb db, long? incidentId, User user, ContactMethod? method, string cause, string reason, int attempt, DateTimeOffset due, DateTimeOffset now)
    {
        var delivery = new NotificationDelivery
        {
            Id = Guid.NewGuid(),
            IncidentId = incidentId,
            UserId = user.Id,
            Username = user.Username,
            ContactMethodId = method?.Id,
            Channel = method?.Kind ?? ContactKind.Email,
            Cause = cause,
            Reason = NotificationDelivery.Clip(reason),
            Attempt = attempt,
            IdempotencyKey = NotificationDelivery.KeyFor(incidentId, cause, user.Id, method?.Id, attempt),
            Status = DeliveryStatus.Queued,
            CreatedAt = now,
            DueAt = due,
        };
        db.NotificationDeliveries.Add(delivery);
        WorkQueue.Add(db, NotifyHandler.KindName, due, now, delivery.Id.ToString("N"), incidentId: incidentId);
        return delivery;
    }

    public static string Name(ContactMethod? method) => method is null ? "email" : method.Kind.ToString().ToLowerInvariant();
}
