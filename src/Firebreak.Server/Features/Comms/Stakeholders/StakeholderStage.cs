using Firebreak.Server.Features.Config;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Comms.Stakeholders;

/// <summary>
/// Stages stakeholders by key. Config owns them wholly once it declares any: a stakeholder no longer in the files is
/// removed, with the messages still queued for it. A URL is shown in plans by its host only (a chat webhook URL is a
/// credential), and a signing secret only by the name of its variable.
/// </summary>
internal sealed class StakeholderStage(FirebreakDb db, TimeProvider clock)
{
    public async Task StageAsync(ConfigStaging staging, IReadOnlyList<StakeholderConfig> wanted, CancellationToken ct)
    {
        if (wanted.Count == 0)
        {
            return;
        }

        var existing = await db.Stakeholders.ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, ct);
        var now = clock.GetUtcNow();
        foreach (var s in wanted)
        {
            var problems = Problems(staging, s).ToList();
            staging.Errors.AddRange(problems.Select(p => new ConfigError(s.Where, p).ToString()));
            existing.Remove(s.Key, out var row);
            if (problems.Count > 0)
            {
                continue;
            }

            var change = new ChangeBuilder($"stakeholder/{s.Key}", row is null)
                .Field("name", row?.Name, s.Name)
                .Field("to", row is null ? null : Shown(row.Target, row.Address), Shown(s.Target, s.Address), row is not null && (row.Target != s.Target || row.Address != s.Address))
                .Field("secret_env", row?.SecretEnv, s.SecretEnv)
                .Field("external", Flag(row?.External == true), Flag(s.External))
                .Field("services", row is null ? null : ConfigText.List(row.Services), ConfigText.List(s.Services))
                .Field("severities", row is null ? null : ConfigText.List(row.Severities), ConfigText.List(s.Severities))
                .Field("events", row is null ? null : ConfigText.List(row.Events), ConfigText.List(s.Events))
                .Build();
            if (!staging.Record(change, row is null ? "stakeholder.create" : "stakeholder.update", $"stakeholder/{s.Key}", change.FieldNames))
            {
                continue;
            }

            if (row is null)
            {
                row = new Stakeholder { Key = s.Key, Name = s.Name, Target = s.Target, Address = s.Address };
                db.Stakeholders.Add(row);
            }

            row.Name = s.Name;
            row.Target = s.Target;
            row.Address = s.Address;
            row.SecretEnv = s.SecretEnv;
            row.External = s.External;
            row.Services = [.. s.Services];
            row.Severities = [.. s.Severities];
            row.Events = [.. s.Events];
            row.UpdatedAt = now;
        }

        foreach (var (key, row) in existing)
        {
            var removed = new ChangeBuilder($"stakeholder/{key}", false)
                .Field("to", Shown(row.Target, row.Address), null, differs: true, note: "removed: it hears about no more incidents")
                .Build();
            staging.Record(removed, "stakeholder.delete", $"stakeholder/{key}", null);
            db.Stakeholders.Remove(row);
        }
    }

    /// <summary>What the database or the environment says is wrong: a user who does not exist, a secret not set.</summary>
    private static IEnumerable<string> Problems(ConfigStaging staging, StakeholderConfig s)
    {
        if (s.Target == StakeholderTargets.User && !staging.Users.Contains(s.Address))
        {
            yield return $"stakeholder '{s.Key}' names unknown user '{s.Address}'";
        }

        foreach (var severity in s.Severities.Where(k => staging.Scheme.Find(k) is null))
        {
            yield return $"stakeholder '{s.Key}' names unknown severity '{severity}'";
        }

        if (s.SecretEnv is { } env && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(env)))
        {
            yield return $"stakeholder '{s.Key}': secret_env {env} is not set in the environment";
        }
    }

    // Shown only when set: most stakeholders are internal, and a plan lists what is said, not every default.
    private static string? Flag(bool on) => on ? "true" : null;

    private static string Shown(string target, string address) =>
        StakeholderTargets.IsUrl(target) && Uri.TryCreate(address, UriKind.Absolute, out var url) ? $"{target} {url.Host}" : $"{target} {address}";
}
