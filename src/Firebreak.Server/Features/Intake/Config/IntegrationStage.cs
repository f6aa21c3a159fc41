using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake.Config;

/// <summary>
/// Stages integrations, matched by name. A key is never read from a file: a new integration gets a generated one
/// (apply prints it once), or the value of its <c>key_env</c> variable, which also replaces the key when they differ.
/// </summary>
internal sealed partial class IntegrationStage(FirebreakDb db, TimeProvider clock)
{
    public async Task StageAsync(ConfigStaging staging, IReadOnlyList<IntegrationConfig> wanted, SeverityScheme scheme, CancellationToken ct)
    {
        if (wanted.Count == 0)
        {
            return;
        }

        var existing = await db.Integrations.Include(i => i.Service).OrderBy(i => i.Id).ToListAsync(ct);
        var byName = existing.GroupBy(i => i.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var keyOwners = existing.ToDictionary(i => i.Key, i => i.Name, StringComparer.Ordinal);
        var serviceKeys = staging.Services.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var c in wanted)
        {
            // The reader checked rules against the config's scheme; this catches a database whose scheme differs.
            var ruleErrors = c.RuleErrors(serviceKeys, scheme).Select(e => e.ToString()).ToList();
            staging.Errors.AddRange(ruleErrors);
            var envKey = EnvironmentKey(staging, c, keyOwners);
            if (ruleErrors.Count > 0 || (c.KeyEnv is not null && envKey is null))
            {
                continue;
            }

            byName.TryGetValue(c.Name, out var row);
            var rulesJson = c.Rules.Count == 0 ? null : JsonSerializer.Serialize(c.Rules.Select(r => r.Rule), JsonSerializerOptions.Web);
            var change = new ChangeBuilder($"integration/{c.Name}", row is null)
                .Field("kind", row?.Kind, c.Kind)
                .Field("service", row?.Service?.Key, c.Service)
                .Field("group_by", row is null ? null : ConfigText.List(row.GroupBy), ConfigText.List(c.GroupBy))
                .Field("group_window", ConfigText.Seconds(row?.GroupWindowSeconds), ConfigText.Duration(c.GroupWindow))
                .Field("rate_per_minute", ConfigText.Number(row?.RatePerMinute), ConfigText.Number(c.RatePerMinute))
                .Field("rules", RulesText(row?.RoutingRulesJson), RulesText(rulesJson), row?.RoutingRulesJson != rulesJson)
                .Field("disabled", row is null ? null : ConfigText.Flag(row.Disabled), ConfigText.Flag(c.Disabled))
                .Field("key", "(hidden)", c.KeyEnv is null ? "(generated)" : $"(from ${c.KeyEnv})", envKey is not null && row?.Key != envKey)
                .Build();
            var action = row is null ? "integration.create" : "integration.update";
            if (!staging.Record(change, action, $"integration/{c.Name}", row is null ? c.Kind : change.FieldNames))
            {
                continue;
            }

            if (row is null)
            {
                row = new Integration { Name = c.Name, Kind = c.Kind, Key = envKey ?? NewKey(), CreatedAt = clock.GetUtcNow() };
                db.Integrations.Add(row);
                byName[c.Name] = row;
                if (envKey is null)
                {
                    staging.Notices.Add($"Integration '{c.Name}' was created with key {row.Key} (admins also find it on the integration's page).");
                }
            }

            row.Kind = c.Kind;
            row.Key = envKey ?? row.Key;
            row.Service = c.Service is null ? null : staging.Services[c.Service];
            row.GroupBy = [.. c.GroupBy];
            row.GroupWindowSeconds = (int)c.GroupWindow.TotalSeconds;
            row.RatePerMinute = c.RatePerMinute;
            row.RoutingRulesJson = rulesJson;
            row.Disabled = c.Disabled;
            keyOwners[row.Key] = c.Name;
        }
    }

    /// <summary>The key from the environment, checked; null (with an error staged) when it cannot be used.</summary>
    private static string? EnvironmentKey(ConfigStaging staging, IntegrationConfig c, Dictionary<string, string> keyOwners)
    {
        if (c.KeyEnv is null)
        {
            return null;
        }

        var where = c.KeyEnvWhere ?? c.Where;
        var key = Environment.GetEnvironmentVariable(c.KeyEnv);
        string? problem = key switch
        {
            null or "" => $"integration '{c.Name}': key_env {c.KeyEnv} is not set in the environment",
            _ when !KeySyntax().IsMatch(key) => $"integration '{c.Name}': ${c.KeyEnv} must hold 16–64 letters, digits, '-' or '_' (it goes in URLs)",
            _ when keyOwners.TryGetValue(key, out var owner) && owner != c.Name => $"integration '{c.Name}': ${c.KeyEnv} holds the key of integration '{owner}'; keys must be unique",
            _ => null,
        };
        if (problem is null)
        {
            return key;
        }

        staging.Errors.Add(new ConfigError(where, problem).ToString());
        return null;
    }

    /// <summary>Same strength as keys made by the API: 128 random bits in hex.</summary>
    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string? RulesText(string? json) => json is null
        ? null
        : string.Join("; ", (JsonSerializer.Deserialize<List<RoutingRuleConfig>>(json, JsonSerializerOptions.Web) ?? []).Select(RuleText));

    private static string RuleText(RoutingRuleConfig r)
    {
        var targets = new[] { r.Service is null ? null : $"service {r.Service}", r.Severity is null ? null : $"severity {r.Severity}", r.Drop == true ? "drop" : null };
        return $"{r.Name ?? "(unnamed)"}: {string.Join(", ", r.Match ?? [])} → {string.Join(", ", targets.OfType<string>())}";
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}$")]
    private static partial Regex KeySyntax();
}
