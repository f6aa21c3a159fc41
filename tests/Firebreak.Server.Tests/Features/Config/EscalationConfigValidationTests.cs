using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Escalation.Config;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Config;

/// <summary>Escalation policies in config files: the spec's own messages, each at the line it is about.</summary>
public sealed class EscalationConfigValidationTests
{
    [Fact]
    public void Validate_BrokenPolicy_ReportsTheSpecsMessagesAtFileAndLine()
    {
        using var dir = new TempDir();
        dir.Write("policies.yaml", """
            severity:
              preset: p
            escalation_policies:
              - key: Payments_Team
                repeats: 12
                steps:
                  - targets: [user:ann]
                    delay: soon
                  - targets: [person:bob]
                    delay: 5m
                rules:
                  - key: big
                    when: [severity SEV-1]
                    notify: [commander]
                  - key: big
                    when: [not mitigated within 15m]
                    notify: [user:ann]
            services:
              - key: api
                escalation_policy: Payments_Team
            """);

        var (_, errors) = FirebreakServer.OfflineConfigReader().Read(dir.Path);

        Assert.Contains("policies.yaml:4: escalation policy key 'Payments_Team': use 1–64 lowercase letters, digits and dashes, e.g. 'payments'", errors);
        Assert.Contains("policies.yaml:8: escalation policy 'Payments_Team': step 1: delay: 'soon' is not a duration up to 366d such as 5m or 1h", errors);
        Assert.Contains("policies.yaml:9: escalation policy 'Payments_Team': step 2: target 'person:bob' is not user:<name>, schedule:<key> or commander", errors);
        Assert.Contains("policies.yaml:13: escalation policy 'Payments_Team': rule 1 (big): 'severity SEV-1': 'SEV-1' is not a severity of the active scheme", errors);
    }

    [Fact]
    public void Validate_RepeatsAndDuplicateRuleKeys_PointAtTheirLines()
    {
        using var dir = new TempDir();
        dir.Write("policies.yaml", """
            escalation_policies:
              - key: payments
                repeats: 12
                steps:
                  - targets: commander
                    delay: 5m
                rules:
                  - key: big
                    when: [severity SEV-1]
                    notify: [commander]
                  - key: big
                    when: [not mitigated within 15m]
                    notify: [commander]
            """);

        var (set, errors) = FirebreakServer.OfflineConfigReader().Read(dir.Path);

        Assert.Contains("policies.yaml:3: escalation policy 'payments': the repeat count (12) must be between 0 and 9", errors);
        Assert.Contains("policies.yaml:11: escalation policy 'payments': rule key 'big' is used more than once", errors);
        Assert.Equal(["commander"], Assert.Single(set.EscalationPolicies).Spec.Steps[0].Targets);
    }

    [Fact]
    public void Validate_ShippedExamples_HaveAPolicyAndAServiceUsingIt()
    {
        var (set, errors) = FirebreakServer.OfflineConfigReader().Read(ConfigApplier.FindExamplesDir());

        Assert.Empty(errors);
        var policy = Assert.Single(set.EscalationPolicies);
        Assert.Contains(set.Services, s => s.EscalationPolicy == policy.Key);
    }
}
