using Firebreak.Core.Severity;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Config;

/// <summary>
/// Plans and applies config as code idempotently: config's own severity scheme, users, teams and services, then every
/// registered <see cref="IConfigSection"/> in its order. Apply changes only what differs, audits each change, and saves
/// it all in one transaction.
/// </summary>
/// <param name="services">The scope's services, which sections stage with (its context is <paramref name="db"/>).</param>
/// <param name="onCall">Features that put people on call or page them, asked before someone is made a viewer.</param>
public sealed class ConfigApplier(
    FirebreakDb db, SeverityCatalog severities, AuditLog audit, TimeProvider clock, ConfigReader reader,
    IEnumerable<IOnCallReferences> onCall, IServiceProvider services, Passwords passwords)
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

    /// <summary>What apply would change, and nothing written.</summary>
    public async Task<ConfigPlan> PlanAsync(string dir, CancellationToken ct)
    {
        var (set, errors) = reader.Read(dir);
        if (errors.Count > 0)
        {
            return new ConfigPlan(errors, []);
        }

        var staging = await StageAsync(Actor.System, set, demo: false, ct);
        db.ChangeTracker.Clear();
        return staging.ToPlan();
    }

    public async Task<ApplyResult> ApplyAsync(Actor actor, string dir, bool demo, CancellationToken ct)
    {
        var (set, errors) = reader.Read(dir);
        if (errors.Count > 0)
        {
            return ApplyResult.Failed(errors);
        }

        var staging = await StageAsync(actor, set, demo, ct);
        if (staging.Errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return ApplyResult.Failed(staging.Errors);
        }

        await db.SaveChangesAsync(ct);
        var replayed = 0;
        if (demo)
        {
            foreach (var section in reader.Sections)
            {
                replayed += await section.ReplayDemoAsync(set, services, ct);
            }
        }

        var changed = staging.Changes.Where(c => c.IsChange).ToList();
        return new ApplyResult([], $"{changed.Count} change(s), {replayed} demo incident(s)", changed, staging.Notices);
    }

    // Config's own part first, as every section may name it: teams name users, services name teams. Then the sections
    // in their order (ConfigOrder), and last the check that nobody made a viewer is still on call or paged.
    private async Task<ConfigStaging> StageAsync(Actor actor, ConfigSet set, bool demo, CancellationToken ct)
    {
        var staging = new ConfigStaging(actor, audit);
        staging.Scheme = await StageSeverityAsync(staging, set.Severity, ct);
        var (users, roleChanges) = await StageUsersAsync(staging, set.Users, demo, ct);
        KeepAnAdmin(staging, users, roleChanges);
        staging.Users = users.Keys.ToHashSet(StringComparer.Ordinal);
        staging.Viewers = users.Values.Where(u => !PagingEligibility.CanBePaged(u.Role)).Select(u => u.Username).ToHashSet(StringComparer.Ordinal);
        var teams = await StageTeamsAsync(staging, set.Teams, users, ct);
        await StageServicesAsync(staging, set.Services, teams, ct);
        foreach (var section in reader.Sections)
        {
            await section.StageAsync(set, staging, services, ct);
        }

        await RefuseViewersOnCallAsync(staging, roleChanges, ct);
        return staging;
    }

    /// <summary>As the API does: demoting the last enabled admin would leave nobody able to manage people.</summary>
    private static void KeepAnAdmin(ConfigStaging staging, Dictionary<string, User> users, List<(UserConfig Config, Role Was, Role Now)> roleChanges)
    {
        if (users.Values.Any(u => u.Role == Role.Admin && !u.Disabled))
        {
            return;
        }

        staging.Errors.AddRange(roleChanges.Where(c => c.Was == Role.Admin).Select(c => new ConfigError(c.Config.Where,
            $"user '{c.Config.Username}': {c.Config.Username} is the last enabled admin; make someone else an admin first, or nobody could manage people").ToString()));
    }

    /// <summary>
    /// As the API does: someone made a viewer must not stay in a rota or an escalation step, since viewers are never
    /// paged. Runs after schedules and policies are staged, so a config that moves them off in the same apply passes.
    /// </summary>
    private async Task RefuseViewersOnCallAsync(ConfigStaging staging, List<(UserConfig Config, Role Was, Role Now)> roleChanges, CancellationToken ct)
    {
        foreach (var c in roleChanges.Where(c => PagingEligibility.CanBePaged(c.Was) && !PagingEligibility.CanBePaged(c.Now)).Select(c => c.Config))
        {
            var places = new List<string>();
            foreach (var hook in onCall)
            {
                places.AddRange(await hook.FindAsync(c.Username, ct));
            }

            if (places.Count > 0)
            {
                staging.Errors.Add(new ConfigError(c.Where, $"user '{c.Username}' is made a viewer but is on call or paged in "
                    + $"{string.Join(", ", places)}; viewers are never paged, so take them off those first").ToString());
            }
        }
    }

    private async Task<SeverityScheme> StageSeverityAsync(ConfigStaging staging, SeverityScheme? wanted, CancellationToken ct)
    {
        var current = await severities.GetSchemeAsync(ct);
        if (wanted is null)
        {
            return current;
        }

        static string Keys(SeverityScheme s) => ConfigText.List(s.Levels.Select(l => l.Key));
        static string ExternalComms(SeverityLevel l) => l.ExternalCommsNeedApproval ? "needs_approval" : "open";
        var reordered = current.Levels.Select(l => (l.Key, l.Rank)).SequenceEqual(wanted.Levels.Select(l => (l.Key, l.Rank))) is false;
        var change = new ChangeBuilder("severity", creating: false)
            .Field("name", current.Name, wanted.Name)
            .Field("levels", Keys(current), Keys(wanted), reordered);
        foreach (var level in wanted.Levels)
        {
            if (current.Levels.FirstOrDefault(l => l.Key == level.Key) is { } old)
            {
                change.Field($"{level.Key}.name", old.Name, level.Name)
                    .Field($"{level.Key}.description", old.Description, level.Description)
                    .Field($"{level.Key}.acknowledge_within", ConfigText.Duration(old.Targets.AcknowledgeWithin), ConfigText.Duration(level.Targets.AcknowledgeWithin))
                    .Field($"{level.Key}.mitigate_within", ConfigText.Duration(old.Targets.MitigateWithin), ConfigText.Duration(level.Targets.MitigateWithin))
                    .Field($"{level.Key}.update_every", ConfigText.Duration(old.Targets.UpdateEvery), ConfigText.Duration(level.Targets.UpdateEvery))
                    .Field($"{level.Key}.review_within", ConfigText.Duration(old.Targets.ReviewWithin), ConfigText.Duration(level.Targets.ReviewWithin))
                    .Field($"{level.Key}.checklist", ConfigText.List(old.Checklist), ConfigText.List(level.Checklist))
                    .Field($"{level.Key}.review", old.ReviewPolicy.ToWire(), level.ReviewPolicy.ToWire())
                    .Field($"{level.Key}.review_questions", ConfigText.List(old.ReviewQuestions ?? []), ConfigText.List(level.ReviewQuestions ?? []))
                    .Field($"{level.Key}.external_comms", ExternalComms(old), ExternalComms(level));
            }
        }

        if (staging.Record(change.Build(), "config.severity", "severity", wanted.Name))
        {
            await severities.ReplaceAsync(wanted, ct);
        }

        return wanted;
    }

    private async Task<(Dictionary<string, User> Users, List<(UserConfig Config, Role Was, Role Now)> RoleChanges)> StageUsersAsync(
        ConfigStaging staging, IReadOnlyList<UserConfig> wanted, bool demo, CancellationToken ct)
    {
        var users = await db.Users.ToDictionaryAsync(u => u.Username, StringComparer.Ordinal, ct);
        var roleChanges = new List<(UserConfig Config, Role Was, Role Now)>();
        foreach (var u in wanted)
        {
            var role = RoleNames.TryParse(u.Role, out var parsed) ? parsed : Role.Viewer;
            var found = users.TryGetValue(u.Username, out var user);
            var change = new ChangeBuilder($"user/{u.Username}", !found)
                .Field("name", user?.DisplayName, u.Name ?? u.Username)
                .Field("email", user?.Email, u.Email)
                .Field("role", user?.Role.ToWire(), role.ToWire())
                .Build();
            if (!staging.Record(change, found ? "user.update" : "user.create", $"user/{u.Username}", role.ToWire()))
            {
                continue;
            }

            if (user is null)
            {
                user = new User { Username = u.Username, DisplayName = u.Name ?? u.Username, CreatedAt = clock.GetUtcNow() };
                db.Users.Add(user);
                users[u.Username] = user;
            }

            user.DisplayName = u.Name ?? u.Username;
            user.Email = u.Email;
            if (found && user.Role != role)
            {
                // A role change ends the person's sessions, as it does through the API; their tokens follow the new role.
                roleChanges.Add((u, user.Role, role));
                user.RotateSecurityStamp();
            }

            user.Role = role;
            if (demo && user.PasswordHash is null)
            {
                user.PasswordHash = passwords.Hash(user, DemoPassword);
            }
        }

        return (users, roleChanges);
    }

    private async Task<Dictionary<string, Team>> StageTeamsAsync(ConfigStaging staging, IReadOnlyList<TeamConfig> wanted, Dictionary<string, User> users, CancellationToken ct)
    {
        var teams = await db.Teams.Include(t => t.Members).ToDictionaryAsync(t => t.Key, StringComparer.Ordinal, ct);
        foreach (var t in wanted)
        {
            var found = teams.TryGetValue(t.Key, out var team);
            var change = new ChangeBuilder($"team/{t.Key}", !found)
                .Field("name", team?.Name, t.Name)
                .Field("members", team is null ? null : ConfigText.List(team.Members.Select(m => m.Username).Order(StringComparer.Ordinal)),
                    ConfigText.List(t.Members.Order(StringComparer.Ordinal)))
                .Build();
            if (!staging.Record(change, "team.upsert", $"team/{t.Key}", string.Join(",", t.Members)))
            {
                continue;
            }

            if (team is null)
            {
                team = new Team { Key = t.Key, Name = t.Name };
                db.Teams.Add(team);
                teams[t.Key] = team;
            }

            team.Name = t.Name;
            team.Members = [.. t.Members.Select(m => users[m])];
        }

        return teams;
    }

    private async Task StageServicesAsync(ConfigStaging staging, IReadOnlyList<ServiceConfig> wanted, Dictionary<string, Team> teams, CancellationToken ct)
    {
        foreach (var service in await db.Services.Include(s => s.OwnerTeam).ToListAsync(ct))
        {
            staging.Services[service.Key] = service;
        }

        foreach (var s in wanted)
        {
            var found = staging.Services.TryGetValue(s.Key, out var service);
            var change = new ChangeBuilder($"service/{s.Key}", !found)
                .Field("name", service?.Name, s.Name)
                .Field("description", service?.Description, s.Description)
                .Field("team", service?.OwnerTeam?.Key, s.Team)
                .Field("time_zone", service?.TimeZone, s.TimeZone)
                .Field("auto_resolve", service?.AutoResolveTo, s.AutoResolve)
                .Build();
            if (!staging.Record(change, "service.upsert", $"service/{s.Key}", s.Team))
            {
                continue;
            }

            if (service is null)
            {
                service = new Service { Key = s.Key, Name = s.Name };
                db.Services.Add(service);
                staging.Services[s.Key] = service;
            }

            service.Name = s.Name;
            service.Description = s.Description;
            service.TimeZone = s.TimeZone;
            service.AutoResolveTo = s.AutoResolve;
            service.OwnerTeam = s.Team is null ? null : teams[s.Team];
        }
    }
}
