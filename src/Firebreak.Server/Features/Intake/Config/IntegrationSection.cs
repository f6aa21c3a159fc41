using System.Text.RegularExpressions;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Storage;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Intake.Config;

/// <summary>The <c>integrations:</c> section: intake endpoints with their grouping, rate limit and routing rules.</summary>
internal sealed partial class IntegrationSection : ConfigSection<IntegrationConfig>
{
    private static readonly string[] s_integrationFields = ["name", "kind", "service", "group_by", "group_window", "rate_per_minute", "rules", "disabled", "key_env"];
    private static readonly string[] s_ruleFields = ["name", "match", "service", "severity", "drop"];

    public override string Key => "integrations";

    public override int Order => ConfigOrder.Integrations;

    protected override IntegrationConfig? ReadItem(YamlMappingNode map, int index, YamlReading yaml)
    {
        if (YamlReading.Get(map, "key") is { } keyNode)
        {
            // A key in a file ends up in a repository; it is a credential anyone could post alerts with.
            yaml.Error(keyNode, "an integration's key is never written in config: leave it out to have one generated, or name an environment variable with key_env");
        }

        yaml.Known(map, s_integrationFields, "key");
        var name = yaml.Required(map, "name");
        if (name is not null && IntegrationChecks.Name(name) is { } nameError)
        {
            yaml.Error(YamlReading.At(map, "name"), nameError);
        }

        var kind = yaml.Required(map, "kind")?.Trim().ToLowerInvariant();
        if (kind is not null && IntegrationChecks.Kind(kind) is { } kindError)
        {
            yaml.Error(YamlReading.At(map, "kind"), kindError);
        }

        var rate = yaml.WholeNumber(map, "rate_per_minute");
        if (IntegrationChecks.RatePerMinute(rate) is { } rateError)
        {
            yaml.Error(YamlReading.At(map, "rate_per_minute"), rateError);
        }

        var keyEnv = yaml.Str(map, "key_env");
        if (keyEnv is not null && !EnvironmentName().IsMatch(keyEnv))
        {
            yaml.Error(YamlReading.At(map, "key_env"), $"key_env '{keyEnv}' is not an environment variable name (letters, digits and _, not starting with a digit)");
        }

        var groupBy = YamlReading.Get(map, "group_by") is { } g ? yaml.Strings(g) : IntegrationKinds.DefaultGroupBy(kind ?? "");
        var rules = YamlReading.Get(map, "rules") is { } r ? yaml.Items(r, (rule, _) => ReadRule(rule, yaml)).ToList() : [];
        return name is null || kind is null
            ? null
            : new IntegrationConfig(name.Trim(), kind, yaml.Str(map, "service"), groupBy, yaml.Duration(map, "group_window") ?? TimeSpan.FromHours(1), rate,
                rules, yaml.Bool(map, "disabled") ?? false, keyEnv, yaml.Where(map), keyEnv is null ? null : yaml.Where(YamlReading.At(map, "key_env")));
    }

    protected override void Validate(ConfigSet set, IReadOnlyList<IntegrationConfig> integrations, ConfigErrors errors)
    {
        errors.Duplicates(integrations, i => i.Name, i => i.Where, "integration");
        errors.Duplicates([.. integrations.Where(i => i.KeyEnv is not null)], i => i.KeyEnv!, i => i.KeyEnvWhere!, "key_env");
        var serviceKeys = set.ServiceKeys();
        var scheme = set.Severity ?? SeverityPresets.Sev;
        foreach (var i in integrations)
        {
            if (i.Service is not null && !serviceKeys.Contains(i.Service))
            {
                errors.Add(i.Where, $"integration '{i.Name}' names unknown service '{i.Service}'");
            }

            errors.AddRange(i.RuleErrors(serviceKeys, scheme));
        }
    }

    protected override Task StageAsync(ConfigSet set, IReadOnlyList<IntegrationConfig> integrations, ConfigStaging staging, IServiceProvider services, CancellationToken ct) =>
        new IntegrationStage(services.GetRequiredService<FirebreakDb>(), services.GetRequiredService<TimeProvider>()).StageAsync(staging, integrations, staging.Scheme, ct);

    private static RoutingRuleEntry? ReadRule(YamlMappingNode map, YamlReading yaml)
    {
        yaml.Known(map, s_ruleFields);
        var match = YamlReading.Get(map, "match") is { } m ? yaml.StringOrList(m) : [];
        var rule = new RoutingRuleConfig(yaml.Str(map, "name"), match, yaml.Str(map, "service"), yaml.Str(map, "severity"), yaml.Bool(map, "drop") == true ? true : null);
        return new RoutingRuleEntry(rule, yaml.Where(map));
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
