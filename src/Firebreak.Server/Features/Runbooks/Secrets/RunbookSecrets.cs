using System.Text.RegularExpressions;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Runbooks.Secrets;

public sealed record SecretDto(string Name, DateTimeOffset UpdatedAt, string UpdatedBy);

public sealed record SetSecretRequest(string? Value);

/// <summary>
/// Named secrets for runbook steps: written, replaced and removed by admins, never read back by anyone (the API and
/// pages show names and dates only), decrypted only to fill a step, and redacted from whatever the step brings back.
/// </summary>
public sealed partial class RunbookSecrets(FirebreakDb db, IDataProtectionProvider protection, AuditLog audit, TimeProvider clock)
{
    public const int MaxValueLength = 4096;

    private IDataProtector Protector => protection.CreateProtector("Firebreak.Runbooks.Secrets");

    public async Task<IReadOnlyList<SecretDto>> ListAsync(CancellationToken ct) =>
        await db.Set<RunbookSecret>().AsNoTracking().OrderBy(s => s.Name).Select(s => new SecretDto(s.Name, s.UpdatedAt, s.UpdatedBy)).ToListAsync(ct);

    public async Task<Outcome<SecretDto>> SetAsync(Actor actor, string name, SetSecretRequest request, CancellationToken ct)
    {
        if (!NameShape().IsMatch(name))
        {
            return Failure.Invalid("name", "A secret's name is lower-case letters, digits and underscores (at most 64), starting with a letter, as steps write it: {{ secrets.registry_token }}.");
        }

        if (string.IsNullOrEmpty(request.Value) || request.Value.Length > MaxValueLength)
        {
            return Failure.Invalid("value", $"Give the secret's value: 1 to {MaxValueLength} characters.");
        }

        var now = clock.GetUtcNow();
        var row = await db.Set<RunbookSecret>().FirstOrDefaultAsync(s => s.Name == name, ct);
        if (row is null)
        {
            row = new RunbookSecret { Name = name, Protected = "", UpdatedBy = actor.Name };
            db.Add(row);
        }

        row.Protected = Protector.Protect(request.Value);
        row.UpdatedAt = now;
        row.UpdatedBy = actor.Name;
        // The audit names the secret, never its value.
        audit.Record(actor, "runbook.secret.set", $"runbook-secret/{name}");
        await db.SaveChangesAsync(ct);
        return new SecretDto(row.Name, row.UpdatedAt, row.UpdatedBy);
    }

    public async Task<Outcome<SecretDto>> DeleteAsync(Actor actor, string name, CancellationToken ct)
    {
        var row = await db.Set<RunbookSecret>().FirstOrDefaultAsync(s => s.Name == name, ct);
        if (row is null)
        {
            return Failure.NotFound($"There is no secret '{name}'.");
        }

        db.Remove(row);
        audit.Record(actor, "runbook.secret.delete", $"runbook-secret/{name}");
        await db.SaveChangesAsync(ct);
        return new SecretDto(row.Name, row.UpdatedAt, row.UpdatedBy);
    }

    /// <summary>Every secret's value by name, to fill one step; kept no longer than that step.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ValuesAsync(CancellationToken ct)
    {
        var rows = await db.Set<RunbookSecret>().AsNoTracking().ToListAsync(ct);
        return rows.ToDictionary(r => r.Name, r => Protector.Unprotect(r.Protected), StringComparer.Ordinal);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex NameShape();
}
