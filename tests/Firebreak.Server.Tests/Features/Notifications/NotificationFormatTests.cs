using Firebreak.Server.Features.Notifications.Channels;
using Microsoft.Extensions.Configuration;
using static Firebreak.Server.Tests.Features.Notifications.NotificationSamples;

namespace Firebreak.Server.Tests.Features.Notifications;

public sealed class NotificationFormatTests
{
    [Fact]
    public void Subject_NoService_LeavesOutTheParentheses() =>
        Assert.Equal("[SEV-1] #4 Login errors", NotificationText.Subject(Message("k", Incident(4, "Login errors", null))));

    [Fact]
    public void Subject_TestMessage_SaysSo() =>
        Assert.StartsWith("[TEST] ", NotificationText.Subject(Message("k") with { IsTest = true }), StringComparison.Ordinal);

    [Fact]
    public void ANoteOnlyMessage_IsItsOwnSubjectAndText_InEveryFormat()
    {
        var message = Message("k") with { Incidents = [], Note = "You are on call for Payments from Mon 09:00." };

        Assert.Equal("[Firebreak] You are on call for Payments from Mon 09:00.", NotificationText.Subject(message));
        var chat = System.Text.Encoding.UTF8.GetString(ChatPayload.Build(message, ChatMarkup.Slack));
        Assert.Contains("You are on call for Payments", chat, StringComparison.Ordinal);
        Assert.DoesNotContain("incidents need you", chat, StringComparison.Ordinal);
        Assert.DoesNotContain("incidents need you", System.Text.Encoding.UTF8.GetString(TeamsPayload.Build(message)), StringComparison.Ordinal);
        Assert.StartsWith("You are on call for Payments", NotificationEmail.PlainText(message), StringComparison.Ordinal);
    }

    [Fact]
    public void MessageIdFor_SameKey_SameId_UnsafeKeyHashed()
    {
        Assert.Equal("n-1.email@example.com", NotificationEmail.MessageIdFor("n-1.email", "example.com"));
        var hashed = NotificationEmail.MessageIdFor("incident 12 <ana>", "example.com");
        Assert.Equal(hashed, NotificationEmail.MessageIdFor("incident 12 <ana>", "example.com"));
        Assert.Matches("^k[0-9a-f]{40}@example.com$", hashed);
    }

    [Fact]
    public void SmtpSettings_FromConfiguration_ReadsSectionAndNeverPrintsThePassword()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Firebreak:Smtp:Host"] = "smtp.example.com",
            ["Firebreak:Smtp:From"] = "firebreak@example.com",
            ["Firebreak:Smtp:User"] = "firebreak",
            ["Firebreak:Smtp:Password"] = "hunter2-smtp-password",
            ["Firebreak:Smtp:Security"] = "StartTLS",
        }).Build();

        var settings = SmtpSettings.FromConfiguration(configuration);

        Assert.True(settings.IsConfigured);
        Assert.Equal(SmtpSecurity.StartTls, settings.Security);
        Assert.Equal(587, settings.Port);
        Assert.Equal("hunter2-smtp-password", settings.Password);
        Assert.DoesNotContain("hunter2", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SmtpSettings_Empty_IsNotConfiguredAndPlain()
    {
        var settings = SmtpSettings.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.False(settings.IsConfigured);
        Assert.Equal(SmtpSecurity.None, settings.Security);
    }
}
