using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Runbooks.Runners;

/// <summary>
/// Registers, lists and removes runners (admins only), and checks a runner's token. The token is shown once when the
/// runner is registered and only its SHA-256 is kept, as for API tokens.
/// </summary>
public sealed partial class RunnerRegistry(FirebreakDb db, AuditLog audit, TimeProvider clock)
{
    public const string TokenPrefix = "fbr_";

    /// <summary>A runner that asked for work within this long counts as connected: it holds a poll for at most 25 s.</summary>
    public static readonly TimeSpan Connected = TimeSpan.FromMinutes(2);

    private const int PrefixChars = 8;
    private const int SecretChars = 32;
    private const int MaxLabels = 20;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public async Task<IReadOnlyList<RunnerDto>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Set<RunbookRunner>().AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var running = await db.Set<RunnerJob>().AsNoTracking().Where(j => j.State == JobStates.Running && j.RunnerId != null)
            .GroupBy(j => j.RunnerId!.Value).Select(g => new { Runner = g.Key, Jobs = g.Count() }).ToDictionaryAsync(g => g.Runner, g => g.Jobs, ct);
        var now = clock.GetUtcNow();
        return [.. rows.Select(r => ToDto(r, now) with { JobsRunning = running.GetValueOrDefault(r.Id) })];
    }

    public async Task<Outcome<CreatedRunner>> CreateAsync(Actor actor, CreateRunnerRequest request, CancellationToken ct)
    {
        var name = request.Name?.Trim() ?? "";
        if (!NameShape().IsMatch(name))
        {
            return Failure.Invalid("name", "A runner's name is 1–64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit, e.g. 'prod-eu-1'.");
        }

        var labels = request.Labels ?? [];
        if (labels.Count > MaxLabels || labels.Any(l => !LabelKeyShape().IsMatch(l.Key) || string.IsNullOrWhiteSpace(l.Value) || l.Value.Length > 128))
        {
            return Failure.Invalid("labels", $"Labels are at most {MaxLabels} pairs like env=prod: a key of letters, digits and underscores (starting with a letter or underscore) and a value of 1–128 characters.");
        }

        if (await db.Set<RunbookRunner>().AnyAsync(r => r.Name == name, ct))
        {
            return Failure.Conflict($"There is already a runner named '{name}': remove it first to issue a new token, or pick another name.");
        }

        var prefix = TokenPrefix + RandomNumberGenerator.GetString(Alphabet, PrefixChars);
        var token = prefix + "_" + RandomNumberGenerator.GetString(Alphabet, SecretChars);
        var now = clock.GetUtcNow();
        var runner = new RunbookRunner
        {
            Name = name,
            Labels = labels.ToDictionary(l => l.Key, l => l.Value.Trim(), StringComparer.Ordinal),
            Prefix = prefix,
            SecretHash = Hash(token),
            CreatedAt = now,
            CreatedBy = actor.Name,
        };
        db.Add(runner);
        audit.Record(actor, "runner.create", $"runner/{name}", Describe(runner.Labels));
        await db.SaveChangesAsync(ct);
        return new CreatedRunner(ToDto(runner, now), token);
    }

    public async Task<Outcome<RunnerDto>> RemoveAsync(Actor actor, string name, CancellationToken ct)
    {
        var runner = await db.Set<RunbookRunner>().FirstOrDefaultAsync(r => r.Name == name, ct);
        if (runner is null)
        {
            return Failure.NotFound($"There is no runner '{name}'.");
        }

        // Its token stops working at once; a job it holds ends as failed when its lease runs out.
        db.Remove(runner);
        audit.Record(actor, "runner.remove", $"runner/{name}", Describe(runner.Labels));
        await db.SaveChangesAsync(ct);
        return ToDto(runner, clock.GetUtcNow());
    }

    /// <summary>The runner <paramref name="presented"/> belongs to, seen now; null for a wrong or removed token.</summary>
    public async Task<RunbookRunner?> AuthenticateAsync(string? presented, CancellationToken ct)
    {
        if (presented is null || !presented.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var cut = presented.LastIndexOf('_');
        if (cut <= TokenPrefix.Length)
        {
            return null;
        }

        var prefix = presented[..cut];
        var runner = await db.Set<RunbookRunner>().FirstOrDefaultAsync(r => r.Prefix == prefix, ct);
        if (runner is null || !CryptographicOperations.FixedTimeEquals(runner.SecretHash, Hash(presented)))
        {
            return null;
        }

        runner.LastSeenAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return runner;
    }

    public static string Describe(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "no labels" : string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static RunnerDto ToDto(RunbookRunner r, DateTimeOffset now) =>
        new(r.Id, r.Name, r.Labels, r.Prefix, r.CreatedAt, r.CreatedBy, r.LastSeenAt, r.LastSeenAt is { } seen && now - seen <= Connected);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex NameShape();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex LabelKeyShape();
}
