using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Config;

public sealed record ApplyResult(IReadOnlyList<string> Errors, string Summary);

/// <summary>Applies config as code (severity scheme, users, teams, services; demo incidents) idempotently.</summary>
public sealed class ConfigApplier(FirebreakDb db, SeverityCatalog severities, AuditLog audit, IncidentEvents events, TimeProvider clock)
{
    public const string DemoPassword = "firebreak-demo";

    /// <summary>The repository's examples/ folder, found by walking up from the program's folder or the working directory.</summary>
    public static string FindExamplesDir()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "examples");
                if (File.Exists(Path.Combine(dir.FullName, "Firebreak.slnx")) && Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "examples");
    }

    public static (ConfigSet Set, IReadOnlyList<string> Errors) Read(string dir)
    {
        var reader = new YamlConfigReader();
        var set = reader.Read(dir);
        return (set, [.. reader.Errors.Select(e => e.ToString())]);
    }

    public async Task<ApplyResult> ApplyAsync(Actor actor, string dir, bool demo, CancellationToken ct)
    {
        var (set, errors) = Read(dir);
        if (errors.Count > 0)
        {
            return new ApplyResult(errors, "nothing applied");
        }

        var changes = 0;
        if (set.Severity is not null)
        {
            var current = await severities.GetSchemeAsync(ct);
            if (current != set.Severity && !SameLevels(current, set.Severity))
            {
                await severities.ReplaceAsync(set.Severity, ct);
                audit.Record(actor, "config.severity", "severity", set.Severity.Name);
                changes++;
            }
        }

        var users = await db.Users.ToDictionaryAsync(u => u.Username, StringComparer.Ordinal, ct);
        foreach (var u in set.Users)
        {
            var role = RoleNames.TryParse(u.Role, out var parsed) ? parsed : Role.Viewer;
            if (!users.TryGetValue(u.Username, out var user))
            {
                user = new User { Username = u.Username, DisplayName = u.Name ?? u.Username, CreatedAt = clock.GetUtcNow() };
                db.Users.Add(user);
                users[u.Username] = user;
                audit.Record(actor, "user.create", $"user/{u.Username}", role.ToWire());
                changes++;
            }
            else if (user.DisplayName == (u.Name ?? u.Username) && user.Email == u.Email && user.Role == role)
            {
                continue;
            }
            else
            {
                audit.Record(actor, "user.update", $"user/{u.Username}", role.ToWire());
                changes++;
            }

            user.DisplayName = u.Name ?? u.Username;
            user.Email = u.Email;
            user.Role = role;
            if (demo && user.PasswordHash is null)
            {
                user.PasswordHash = AccountService.HashPassword(user, DemoPassword);
            }
        }

        var teams = await db.Teams.Include(t => t.Members).ToDictionaryAsync(t => t.Key, StringComparer.Ordinal, ct);
        foreach (var t in set.Teams)
        {
            if (!teams.TryGetValue(t.Key, out var team))
            {
                team = new Team { Key = t.Key, Name = t.Name };
                db.Teams.Add(team);
                teams[t.Key] = team;
            }
            else if (team.Name == t.Name && team.Members.Select(m => m.Username).Order(StringComparer.Ordinal).SequenceEqual(t.Members.Order(StringComparer.Ordinal)))
            {
                continue;
            }

            team.Name = t.Name;
            team.Members = [.. t.Members.Select(m => users[m])];
            audit.Record(actor, "team.upsert", $"team/{t.Key}", string.Join(",", t.Members));
            changes++;
        }

        var services = await db.Services.ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, ct);
        foreach (var s in set.Services)
        {
            var owner = s.Team is null ? null : teams[s.Team];
            if (!services.TryGetValue(s.Key, out var service))
            {
                service = new Service { Key = s.Key, Name = s.Name };
                db.Services.Add(service);
            }
            else if (service.Name == s.Name && service.Description == s.Description && service.OwnerTeamId == owner?.Id
                && service.TimeZone == s.TimeZone && service.AutoResolveTo == s.AutoResolve)
            {
                continue;
            }

            service.Name = s.Name;
            service.Description = s.Description;
            service.TimeZone = s.TimeZone;
            service.AutoResolveTo = s.AutoResolve;
            service.OwnerTeam = owner;
            audit.Record(actor, "service.upsert", $"service/{s.Key}", s.Team);
            changes++;
        }

        await db.SaveChangesAsync(ct);
        var replayed = demo ? await ReplayDemoIncidentsAsync(set.Incidents, ct) : 0;
        return new ApplyResult([], $"{changes} change(s), {replayed} demo incident(s)");
    }

    private static bool SameLevels(Firebreak.Core.Severity.SeverityScheme a, Firebreak.Core.Severity.SeverityScheme b) =>
        a.Name == b.Name && a.Levels.Count == b.Levels.Count
        && a.Levels.Zip(b.Levels).All(p => p.First with { Checklist = [] } == p.Second with { Checklist = [] }
            && p.First.Checklist.SequenceEqual(p.Second.Checklist));

    // Demo history goes through the real incident commands on a clock set in the past, so timelines and metrics are
    // exactly what a live incident would produce. It is loaded once: a database with incidents is left alone.
    private async Task<int> ReplayDemoIncidentsAsync(IReadOnlyList<DemoIncident> incidents, CancellationToken ct)
    {
        if (incidents.Count == 0 || await db.Incidents.AnyAsync(ct))
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Username, StringComparer.Ordinal, ct);
        foreach (var demo in incidents.OrderByDescending(i => i.Ago))
        {
            var demoClock = new ManualClock(now - demo.Ago);
            var reader = new IncidentReader(db, severities, demoClock);
            var service = new IncidentService(db, severities, new AuditLog(db, demoClock), events, reader, demoClock);
            Actor As(string? username) => username is not null && users.TryGetValue(username, out var u)
                ? new Actor("user", u.Id, u.Username, null)
                : Actor.System;

            var declared = await service.DeclareAsync(As(demo.DeclaredBy ?? demo.Commander),
                new DeclareIncidentRequest(demo.Title, demo.Severity, demo.Service, demo.Description, demo.Impact,
                    demo.ImpactBefore is { } before ? now - demo.Ago - before : null, demo.Commander), ct);
            if (!declared.IsOk)
            {
                throw new InvalidOperationException($"{demo.Where}: demo incident could not be declared: {declared.Error}");
            }

            var slug = declared.Value!.Slug;
            foreach (var e in demo.Events.OrderBy(e => e.After))
            {
                demoClock.Now = now - demo.Ago + e.After;
                var actor = As(e.By);
                if (e.Severity is not null)
                {
                    await service.ChangeSeverityAsync(actor, slug, new SeverityChangeRequest(e.Severity), ct);
                }

                if (e.Status is not null)
                {
                    await service.ChangeStatusAsync(actor, slug, new StatusChangeRequest(e.Status, e.Note), ct);
                }
                else if (e.Note is not null)
                {
                    await service.AddNoteAsync(actor, slug, new NoteRequest(e.Note), ct);
                }
            }

            db.ChangeTracker.Clear();
        }

        return incidents.Count;
    }
}
