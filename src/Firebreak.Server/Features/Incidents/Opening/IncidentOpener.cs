using Firebreak.Core.Incidents;
using Firebreak.Core.Intake;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Incidents.Opening;

/// <summary>
/// Opens every incident — declared, opened by an alert, split off by moving an alert — so numbering, the unique-number
/// retry, the save and the steps other features run in the same transaction (<see cref="IIncidentOpeningStep"/>) are
/// written once. Scoped: one per unit of work.
/// </summary>
public sealed class IncidentOpener(FirebreakDb db, IEnumerable<IIncidentOpeningStep> steps)
{
    private const int MaxAttempts = 10;

    /// <summary>
    /// Local writers open incidents one at a time so their numbers never collide; unique indexes plus a retry settle
    /// races between nodes sharing a PostgreSQL database.
    /// </summary>
    public static SemaphoreSlim NumberingGate { get; } = new(1, 1);

    private readonly List<OpenedIncident> _opened = [];

    /// <summary>
    /// Runs <paramref name="attempt"/> while no other local writer opens incidents. When another node stored the same
    /// number, slug or open alert first, what the attempt staged is forgotten and it runs again against what that node stored.
    /// </summary>
    public Task<T> RunAsync<T>(Func<Task<T>> attempt, CancellationToken ct) =>
        WithNumberingAsync(attempt, () =>
        {
            db.ChangeTracker.Clear();
            _opened.Clear();
        }, ct);

    /// <summary>
    /// As <see cref="RunAsync{T}"/>, with a fresh service scope (and DbContext) per attempt, for writers whose state
    /// outside the DbContext must not survive a failed attempt either (intake batches).
    /// </summary>
    public static Task<T> RunInFreshScopesAsync<T>(IServiceScopeFactory scopes, Func<IServiceProvider, Task<T>> attempt, CancellationToken ct) =>
        WithNumberingAsync(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await attempt(scope.ServiceProvider);
        }, forget: null, ct);

    /// <summary>
    /// Adds a new incident (its id, next number, unique slug, checklist, first timeline lines) and runs each opening
    /// step's <see cref="IIncidentOpeningStep.OnOpeningAsync"/>. Nothing is saved: call <see cref="SaveAsync"/>.
    /// </summary>
    public async Task<Incident> OpenAsync(NewIncident spec, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var pending = _opened.Select(o => o.Incident).ToList();
        var (lastNumber, slug, nextId) = await NumberSlugAndIdAsync(IncidentSlug.Create(now, spec.Title), pending.Select(i => i.Slug), ct);
        var number = Math.Max(lastNumber, pending.Select(i => i.Number).DefaultIfEmpty(0).Max()) + 1;
        var incident = new Incident
        {
            // Staged incidents are not stored yet, so SQLite's counter has not moved past them.
            Id = Math.Max(nextId, pending.Select(i => i.Id).DefaultIfEmpty(0).Max() + 1),
            Number = number,
            Slug = slug,
            Title = spec.Title,
            Description = spec.Description,
            Impact = spec.Impact,
            SeverityKey = spec.Level.Key,
            ServiceId = spec.Service?.Id,
            Status = IncidentStatus.Triggered,
            IsDrill = spec.IsDrill,
            TestSentBy = spec.Test?.SentBy,
            DeclaredById = actor.UserId,
            DeclaredAt = now,
            ImpactStartedAt = spec.ImpactStartedAt?.ToUniversalTime(),
            UpdatedAt = now,
            CommanderId = spec.Commander?.Id,
            AlertGroupKey = spec.AlertGroupKey,
            LastAlertAt = spec.AlertGroupKey is null ? null : now,
            Checklist = [.. spec.Level.Checklist.Select((text, i) => new ChecklistItem { Position = i, Text = text })],
        };
        var service = spec.Service is null ? "" : $" (service {spec.Service.Key})";
        incident.Timeline.Add(IncidentFactory.Entry(actor, now, TimelineKind.Declared, spec.OpenedBy is null
            ? $"Declared {spec.Level.Key} incident: {spec.Title}{service}"
            : $"Opened {spec.Level.Key} incident from {spec.OpenedBy}: {spec.Title}{service}{TestNote(spec.Test)}"));
        if (spec.Commander is not null)
        {
            incident.Timeline.Add(IncidentFactory.Entry(actor, now, TimelineKind.RoleAssigned, $"{spec.Commander.DisplayName} is commander"));
        }

        db.Incidents.Add(incident);
        var opened = new OpenedIncident(incident, spec, now);
        _opened.Add(opened);
        foreach (var step in steps)
        {
            await step.OnOpeningAsync(db, opened, ct);
        }

        return incident;
    }

    // Compiled: EF skips building and looking up the LINQ query each time. Eight values, not a list: EF writes the SQL
    // of a query with a list parameter anew on every run.
    private static readonly PerProvider<Func<FirebreakDb, string, string, string, string, string, string, string, string, IAsyncEnumerable<string>>> s_slugsTaken = new(() =>
        EF.CompileAsyncQuery((FirebreakDb db, string s1, string s2, string s3, string s4, string s5, string s6, string s7, string s8) => db.Set<Incident>()
            .Where(i => i.Slug == s1 || i.Slug == s2 || i.Slug == s3 || i.Slug == s4 || i.Slug == s5 || i.Slug == s6 || i.Slug == s7 || i.Slug == s8)
            .Select(i => i.Slug)));

    /// <summary>
    /// The highest number stored, the first of <paramref name="baseSlug"/>, -2, -3 … that no incident has, and the id
    /// for the new incident. Slugs are looked up a few at a time through the unique index; the first few come with
    /// the number and the id in one statement (<see cref="OpeningLookup"/>). Asking for every slug with the prefix was
    /// a LIKE no index serves: each opening read every incident ever stored.
    /// </summary>
    private async Task<(int LastNumber, string Slug, long NextId)> NumberSlugAndIdAsync(string baseSlug, IEnumerable<string> pending, CancellationToken ct)
    {
        var taken = new HashSet<string>(pending, StringComparer.Ordinal);
        var (lastNumber, nextId) = (0, 0L);
        for (var first = 1; ; first += OpeningLookup.Candidates)
        {
            string[] c = [.. Enumerable.Range(first, OpeningLookup.Candidates).Select(n => IncidentSlug.Numbered(baseSlug, n))];
            if (first == 1)
            {
                var found = await OpeningLookup.ReadAsync(db, c, ct);
                taken.UnionWith(found.Taken);
                (lastNumber, nextId) = (found.LastNumber, found.NextId);
            }
            else
            {
                await foreach (var slug in s_slugsTaken.For(db)(db, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]).WithCancellation(ct))
                {
                    taken.Add(slug);
                }
            }

            if (c.FirstOrDefault(candidate => !taken.Contains(candidate)) is { } free)
            {
                return (lastNumber, free, nextId);
            }
        }
    }

    private static string TestNote(TestEvent? test) => test switch
    {
        null => "",
        { PageOnCall: true } => $" (a test event sent by {test.SentBy}, paging the on-call for real)",
        _ => $" (a test event sent by {test.SentBy}, paging only them)",
    };

    /// <summary>
    /// Saves the unit of work in one transaction: each opening step's <see cref="IIncidentOpeningStep.OnAllOpenedAsync"/>
    /// (the escalation's first pages among them), then one save of everything staged, then <paramref name="afterSave"/>
    /// (rows written outside change tracking that refer to what the save stored), then the commit.
    /// </summary>
    public async Task SaveAsync(CancellationToken ct, Func<CancellationToken, Task>? afterSave = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (_opened.Count > 0)
        {
            foreach (var step in steps)
            {
                await step.OnAllOpenedAsync(db, _opened, ct);
            }
        }

        db.ChangeTracker.DetectChanges();
        TrackedInserts.ForNextSave(db);
        await db.SaveChangesAsync(ct);
        if (afterSave is not null)
        {
            await afterSave(ct);
        }

        await transaction.CommitAsync(ct);
        _opened.Clear();
    }

    private static async Task<T> WithNumberingAsync<T>(Func<Task<T>> attempt, Action? forget, CancellationToken ct)
    {
        await NumberingGate.WaitAsync(ct);
        try
        {
            for (var n = 1; ; n++)
            {
                try
                {
                    return await attempt();
                }
                catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex) && n < MaxAttempts)
                {
                    // Another node took the same number, slug or open alert between our read and our insert; go again.
                    forget?.Invoke();
                }
            }
        }
        finally
        {
            NumberingGate.Release();
        }
    }
}
