using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Config;

/// <summary>
/// One top-level section of config as code (<c>schedules:</c>, <c>integrations:</c>…), registered by the feature that
/// owns what it declares with <c>services.AddSingleton&lt;IConfigSection, …&gt;()</c>. Config reads every file, hands each
/// section its key's nodes, then validates and stages the sections in <see cref="Order"/> (see <see cref="ConfigOrder"/>).
/// A section is a singleton that keeps no state: <c>config validate</c> reads and validates without a database.
/// </summary>
public interface IConfigSection
{
    /// <summary>The top-level YAML key this section reads, such as <c>schedules</c>.</summary>
    string Key { get; }

    /// <summary>Where the section is validated and staged among the others, lowest first: one of <see cref="ConfigOrder"/>.</summary>
    int Order { get; }

    /// <summary>Reads the section's node of one file into its typed items; each mistake goes to <paramref name="yaml"/> at its line.</summary>
    void Read(YamlNode node, YamlReading yaml, ConfigItems into);

    /// <summary>For sections written as files of their own in a folder beside the YAML (runbooks in Markdown).</summary>
    void ReadFolder(string directory, ConfigErrors errors, ConfigItems into)
    {
    }

    /// <summary>Checks across files once all are read: duplicates, and names of users, services and severities in the files.</summary>
    void Validate(ConfigSet set, ConfigErrors errors);

    /// <summary>Worth a look but not wrong, for <c>config validate</c>, which opens no database.</summary>
    IEnumerable<string> Warnings(ConfigSet set, DateTimeOffset now) => [];

    /// <summary>
    /// Compares the section's items with what is stored and stages the difference in the unit of work of
    /// <paramref name="services"/>' <c>FirebreakDb</c>: each thing as a <see cref="ConfigChange"/>, each real change audited.
    /// </summary>
    Task StageAsync(ConfigSet set, ConfigStaging staging, IServiceProvider services, CancellationToken ct);

    /// <summary>With demo data only, after apply committed: replays what the section declares; returns how many items.</summary>
    Task<int> ReplayDemoAsync(ConfigSet set, IServiceProvider services, CancellationToken ct) => Task.FromResult(0);
}

/// <summary>A section that is a list of <typeparamref name="T"/> under its key, which is what every section is so far.</summary>
public abstract class ConfigSection<T> : IConfigSection
    where T : class
{
    public abstract string Key { get; }

    public abstract int Order { get; }

    public void Read(YamlNode node, YamlReading yaml, ConfigItems into) => into.Add(yaml.Items(node, (map, i) => ReadItem(map, i, yaml)));

    public void Validate(ConfigSet set, ConfigErrors errors) => Validate(set, set.Of<T>(), errors);

    public virtual IEnumerable<string> Warnings(ConfigSet set, DateTimeOffset now) => [];

    public Task StageAsync(ConfigSet set, ConfigStaging staging, IServiceProvider services, CancellationToken ct) =>
        StageAsync(set, set.Of<T>(), staging, services, ct);

    public virtual Task<int> ReplayDemoAsync(ConfigSet set, IServiceProvider services, CancellationToken ct) => Task.FromResult(0);

    /// <summary>One item of the list; null when it is too broken to use (its errors are already in <paramref name="yaml"/>).</summary>
    protected abstract T? ReadItem(YamlMappingNode map, int index, YamlReading yaml);

    protected abstract void Validate(ConfigSet set, IReadOnlyList<T> items, ConfigErrors errors);

    protected abstract Task StageAsync(ConfigSet set, IReadOnlyList<T> items, ConfigStaging staging, IServiceProvider services, CancellationToken ct);
}

/// <summary>
/// The order sections are validated and staged in, after config's own severity, users, teams and services (which every
/// section may name): integrations and maintenance windows name services; schedules name users; escalation policies
/// name users and schedules, and services then point at policies, so policies come after schedules. Runbooks name
/// services and teams, and status page components services; comms templates and stakeholders name severities and services. Demo incidents are replayed only after apply has committed everything else, and are last. Their
/// keys are listed in this order in errors.
/// </summary>
public static class ConfigOrder
{
    public const int Integrations = 10;
    public const int Maintenance = 20;
    public const int Schedules = 30;
    public const int EscalationPolicies = 40;
    public const int Runbooks = 45;
    public const int StatusComponents = 47;
    public const int CommsTemplates = 48;
    public const int Stakeholders = 49;
    public const int DemoIncidents = 50;
}
