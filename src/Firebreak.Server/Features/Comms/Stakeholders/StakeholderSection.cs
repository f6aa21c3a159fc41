using System.Text.RegularExpressions;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Storage;
using MimeKit;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Comms.Stakeholders;

/// <summary>
/// The <c>stakeholders:</c> section: who hears about which incidents without being paged. Each entry names exactly one
/// place to send to (<c>user</c>, <c>email</c>, <c>slack</c>, <c>mattermost</c>, <c>teams</c> or <c>webhook</c>); a
/// webhook's signing secret is named by <c>secret_env</c>, never written in a file. <c>external: true</c> marks a
/// stakeholder outside the company, whose messages wait for approval when the incident's external communication needs it.
/// </summary>
internal sealed partial class StakeholderSection : ConfigSection<StakeholderConfig>
{
    private static readonly string[] s_fields = ["key", "name", "services", "severities", "events", "secret_env", "external", .. StakeholderTargets.All];

    public override string Key => "stakeholders";

    public override int Order => ConfigOrder.Stakeholders;

    protected override StakeholderConfig? ReadItem(YamlMappingNode map, int index, YamlReading yaml)
    {
        if (YamlReading.Get(map, "secret") is { } secretNode)
        {
            // A secret in a file ends up in a repository.
            yaml.Error(secretNode, "a stakeholder webhook's signing secret is never written in config: name an environment variable with secret_env");
        }

        yaml.Known(map, s_fields, "secret");
        var key = yaml.Required(map, "key");
        if (key is not null && !KeySyntax().IsMatch(key))
        {
            yaml.Error(YamlReading.At(map, "key"), $"stakeholder key '{key}' must be 1–64 lowercase letters, digits, '-' or '_'");
            key = null;
        }

        var name = yaml.Str(map, "name") ?? key;
        var targets = StakeholderTargets.All.Where(t => YamlReading.Has(map, t)).ToList();
        if (targets.Count != 1)
        {
            yaml.Error(map, $"stakeholder '{key}' needs exactly one of {string.Join(", ", StakeholderTargets.All)} to say where its messages go"
                + (targets.Count > 1 ? $" (it has {string.Join(" and ", targets)})" : ""));
            return null;
        }

        var target = targets[0];
        var address = yaml.Str(map, target)?.Trim() ?? "";
        if ((address.Length == 0 ? $"{target} is empty" : AddressProblem(target, address)) is { } problem)
        {
            yaml.Error(YamlReading.At(map, target), $"stakeholder '{key}': {problem}");
            return null;
        }

        var secretEnv = yaml.Str(map, "secret_env");
        if (secretEnv is not null && target != StakeholderTargets.Webhook)
        {
            yaml.Error(YamlReading.At(map, "secret_env"), $"stakeholder '{key}': secret_env signs webhook posts only; {target} has no signature");
        }
        else if (secretEnv is not null && !EnvironmentName().IsMatch(secretEnv))
        {
            yaml.Error(YamlReading.At(map, "secret_env"), $"secret_env '{secretEnv}' is not an environment variable name (letters, digits and _, not starting with a digit)");
        }

        var events = YamlReading.Get(map, "events") is { } e ? yaml.Strings(e) : [.. StakeholderTargets.Events];
        foreach (var unknown in events.Where(v => !StakeholderTargets.Events.Contains(v)))
        {
            yaml.Error(YamlReading.At(map, "events"), $"stakeholder '{key}': unknown event '{unknown}'; use {string.Join(", ", StakeholderTargets.Events)}");
        }

        var external = yaml.Bool(map, "external") ?? false;
        var services = YamlReading.Get(map, "services") is { } s ? yaml.Strings(s) : [];
        var severities = YamlReading.Get(map, "severities") is { } v ? yaml.Strings(v) : [];
        return key is null || name is null
            ? null
            : new StakeholderConfig(key, name.Trim(), target, address, secretEnv, services, severities, [.. events.Distinct(StringComparer.Ordinal)], yaml.Where(map), external);
    }

    protected override void Validate(ConfigSet set, IReadOnlyList<StakeholderConfig> items, ConfigErrors errors)
    {
        errors.Duplicates(items, s => s.Key, s => s.Where, "stakeholder");
        var services = set.ServiceKeys();
        foreach (var s in items)
        {
            foreach (var service in s.Services.Where(k => !services.Contains(k)))
            {
                errors.Add(s.Where, $"stakeholder '{s.Key}' names unknown service '{service}'");
            }

            if (set.Severity is { } scheme)
            {
                foreach (var severity in s.Severities.Where(k => scheme.Find(k) is null))
                {
                    errors.Add(s.Where, $"stakeholder '{s.Key}' names unknown severity '{severity}'; use one of: {string.Join(", ", scheme.Levels.Select(l => l.Key))}");
                }
            }
        }
    }

    protected override Task StageAsync(ConfigSet set, IReadOnlyList<StakeholderConfig> items, ConfigStaging staging, IServiceProvider services, CancellationToken ct) =>
        new StakeholderStage(services.GetRequiredService<FirebreakDb>(), services.GetRequiredService<TimeProvider>()).StageAsync(staging, items, ct);

    private static string? AddressProblem(string target, string address) => target switch
    {
        StakeholderTargets.Email => MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal)
            ? null
            : $"'{address}' is not an email address",
        StakeholderTargets.User => null,
        _ => Uri.TryCreate(address, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
            ? null
            : $"{target} must be an http(s) URL",
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex KeySyntax();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
