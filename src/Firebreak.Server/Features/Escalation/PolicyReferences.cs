using Firebreak.Core.Escalation;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Escalation;

/// <summary>Where someone is paged by name: escalation steps and condition rules, as the unit of work sees them.</summary>
public sealed class PolicyReferences(FirebreakDb db) : IOnCallReferences
{
    public async Task<IReadOnlyList<string>> FindAsync(string username, CancellationToken ct)
    {
        // Local, after loading, holds what config apply is about to write as well as what is stored.
        await db.EscalationPolicies.LoadAsync(ct);
        var found = new List<string>();
        foreach (var row in db.EscalationPolicies.Local.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var spec = EscalationPolicyService.ReadSpec(row.SpecJson);
            for (var i = 0; i < spec.Steps.Count; i++)
            {
                if (Names(spec.Steps[i].Targets, username))
                {
                    found.Add($"escalation policy '{row.Key}' (step {i + 1})");
                }
            }

            foreach (var rule in (spec.Rules ?? []).Where(r => Names(r.Notify, username)))
            {
                found.Add($"escalation policy '{row.Key}' (rule '{rule.Key}')");
            }
        }

        return found;
    }

    private static bool Names(IEnumerable<string>? targets, string username) =>
        (targets ?? []).Any(t => PolicySpec.TryParseTarget(t, out var target) && target is UserTarget u && u.UserId == username);
}
