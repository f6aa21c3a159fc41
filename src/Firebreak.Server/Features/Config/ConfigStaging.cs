using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;

namespace Firebreak.Server.Features.Config;

/// <summary>
/// Config staged in the unit of work: changed rows are tracked and audited but not saved. Apply saves them in one
/// transaction; plan throws them away. Both run the same comparison, so a plan cannot promise what apply will not do.
/// </summary>
internal sealed class ConfigStaging(Actor actor, AuditLog audit)
{
    public List<ConfigChange> Changes { get; } = [];

    public List<string> Errors { get; } = [];

    /// <summary>Not wrong, but worth a look before applying, such as stretches of a schedule with nobody on call.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Said once after apply, such as a generated integration key.</summary>
    public List<string> Notices { get; } = [];

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

    public ConfigPlan ToPlan() => new(Errors, Changes, Warnings);
}
