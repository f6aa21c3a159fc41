using Firebreak.Server.Hosting;

namespace Firebreak.Server.Features.Escalation;

/// <summary>
/// <c>Firebreak:Escalation:DefaultPolicy</c>: the policy (by key) for incidents whose service has none, or that have no
/// service at all, so that a service someone forgot to wire up still wakes somebody.
/// </summary>
public sealed record EscalationOptions(string? DefaultPolicy)
{
    public const string DefaultPolicyKey = "Firebreak:Escalation:DefaultPolicy";

    /// <summary>The demo's services without a policy of their own (search, the edge gateway) page the payments rota.</summary>
    public const string DemoDefaultPolicy = "payments";

    public static EscalationOptions From(IConfiguration configuration)
    {
        var key = configuration[DefaultPolicyKey] ?? (configuration.GetValue<bool>(ServerOptions.DemoKey) ? DemoDefaultPolicy : null);
        return new(string.IsNullOrWhiteSpace(key) ? null : key.Trim());
    }
}
