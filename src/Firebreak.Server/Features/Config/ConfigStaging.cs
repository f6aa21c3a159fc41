using Firebreak.Core.Severity;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;

namespace Firebreak.Server.Features.Config;

/// <summary>
/// Config staged in the unit of work: changed rows are tracked and audited but not saved. Apply saves them in one
/// transaction; plan throws them away. Both run the same comparison, so a plan cannot promise what apply will not do.
/// Sections read what config's own part staged first (scheme, people, services) from here.
/// </summary>
public sealed class ConfigStaging(Actor actor, AuditLog audit)
{
    /// <summary>Who applies the config, as audited.</summary>
    public Actor Actor => actor;

    public List<ConfigChange> Changes { get; } = [];

    public List<string> Errors { get; } = [];

    /// <summary>Not wrong, but worth a look before applying, such as stretches of a schedule with nobody on call.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Said once after apply, such as a generated integration key.</summary>
    public List<string> Notices { get; } = [];

    /// <summary>The severity scheme in force after apply: the file's, or the database's when the files have none.</summary>
    public SeverityScheme Scheme { get; internal set; } = SeverityPresets.Sev;

    /// <summary>Usernames as they will be after apply: in the files or in the database.</summary>
    public IReadOnlySet<string> Users { get; internal set; } = new HashSet<string>();

    /// <summary>Of <see cref="Users"/>, those who cannot be paged or put on call (viewers).</summary>
    public IReadOnlySet<string> Viewers { get; internal set; } = new HashSet<string>();

    /// <summary>Services by key as they will be after apply, including ones created in this run.</summary>
    public Dictionary<string, Service> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="change"/> for the plan; when it is a change, audits it and says so.</summary>
    public bool Record(ConfigChange change, string action, string resource, string? details)
    {
        Changes.Add(change);
        if (change.IsChange)
        {
            audit.Record(actor, action, resource, details);
        }

        return change.IsChange;
    }

    /// <summary>Joins a field to the plan line of <paramref name="resource"/> that an earlier stage wrote (or adds one).</summary>
    public void AddField(string resource, FieldChange field)
    {
        var i = Changes.FindIndex(c => c.Resource == resource);
        if (i < 0)
        {
            Changes.Add(new ConfigChange(ChangeKind.Update, resource, [field]));
            return;
        }

        var change = Changes[i];
        Changes[i] = change with
        {
            Kind = change.Kind == ChangeKind.Unchanged ? ChangeKind.Update : change.Kind,
            Fields = [.. change.Fields, change.Kind == ChangeKind.Create ? field with { Old = null } : field],
        };
    }

    public ConfigPlan ToPlan() => new(Errors, Changes, Warnings);
}
