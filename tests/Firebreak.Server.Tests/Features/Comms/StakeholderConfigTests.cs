using Firebreak.Server.Features.Comms.Stakeholders;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Comms;

/// <summary>The <c>stakeholders:</c> section read offline: every mistake at its file and line.</summary>
public sealed class StakeholderConfigTests
{
    [Fact]
    public void Read_Mistakes_AreErrorsAtFileAndLine()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", """
            services:
              - key: checkout
                name: Checkout
            stakeholders:
              - key: support
                name: Support
                email: support@example.com
                services: [checkout, nowhere]
                severities: [SEV-1]
              - key: two-places
                email: a@example.com
                slack: https://hooks.slack.com/services/T/B/x
              - key: signed
                webhook: https://hooks.example.com/firebreak
                secret: hunter2-in-a-repository
              - key: chat
                slack: not a url
              - key: list
                email: not-an-address
                secret_env: LIST_SECRET
                events: [declaration, tweet]
              - key: support
                user: rita
            """);

        var (_, errors) = FirebreakServer.OfflineConfigReader().Read(dir.Path);

        void Has(string where, string text) =>
            Assert.True(errors.Any(e => e.StartsWith($"{where}: ", StringComparison.Ordinal) && e.Contains(text, StringComparison.Ordinal)),
                $"no error at {where} containing '{text}' in:\n{string.Join('\n', errors)}");

        Has("config.yaml:5", "stakeholder 'support' names unknown service 'nowhere'");
        Has("config.yaml:10", "stakeholder 'two-places' needs exactly one of user, email, slack, mattermost, teams, webhook");
        Has("config.yaml:15", "signing secret is never written in config");
        Has("config.yaml:17", "stakeholder 'chat': slack must be an http(s) URL");
        Has("config.yaml:19", "stakeholder 'list': 'not-an-address' is not an email address");
        Has("config.yaml:22", "stakeholder 'support' is defined more than once (first at config.yaml:5)");
        Assert.DoesNotContain(errors, e => e.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SecretEnvOnAnEmailList_AndAnUnknownEvent_AreErrorsAtTheirLines()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", """
            stakeholders:
              - key: list
                email: list@example.com
                secret_env: LIST_SECRET
                events: [declaration, tweet]
            """);

        var (_, errors) = FirebreakServer.OfflineConfigReader().Read(dir.Path);

        Assert.Contains(errors, e => e.StartsWith("config.yaml:4: stakeholder 'list': secret_env signs webhook posts only", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("config.yaml:5: stakeholder 'list': unknown event 'tweet'", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_External_IsTrueOrFalse_AtItsLine_AndDefaultsToInternal()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", """
            stakeholders:
              - key: customers
                email: customers@example.com
                external: true
              - key: support
                email: support@example.com
            """);
        var (set, errors) = FirebreakServer.OfflineConfigReader().Read(dir.Path);
        Assert.Empty(errors);
        Assert.Equal([("customers", true), ("support", false)], set.Stakeholders.Select(s => (s.Key, s.External)));

        dir.Write("config.yaml", """
            stakeholders:
              - key: partners
                email: partners@example.com
                external: maybe
            """);
        Assert.Equal(["config.yaml:4: 'external: maybe' is not true or false"], FirebreakServer.OfflineConfigReader().Read(dir.Path).Errors);
    }
}
