using Firebreak.Core.Escalation;
using Firebreak.Server.Features.Config;

namespace Firebreak.Server.Features.Escalation.Config;

/// <summary>An escalation policy as config declares it, known by its key; <see cref="Spec"/> is what the API takes.</summary>
/// <param name="Lines">Where each part is written: <c>repeats</c>, <c>step 2</c>, <c>step 2.delay</c>, <c>rule 1.when</c>….</param>
public sealed record EscalationPolicyConfig(
    string Key, string Name, string? Description, PolicySpec Spec, SourceRef Where, IReadOnlyDictionary<string, SourceRef> Lines)
{
    public SourceRef Line(string part) => Lines.GetValueOrDefault(part) ?? Where;
}

/// <summary>The escalation policies a folder of config declares, as <c>set.EscalationPolicies</c>.</summary>
public static class EscalationPolicyConfigSet
{
    extension(ConfigSet set)
    {
        public IReadOnlyList<EscalationPolicyConfig> EscalationPolicies => set.Of<EscalationPolicyConfig>();
    }
}
