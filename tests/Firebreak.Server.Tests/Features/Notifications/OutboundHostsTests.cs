using System.Net;
using Firebreak.Server.Features.Notifications.Channels;

namespace Firebreak.Server.Tests.Features.Notifications;

/// <summary>Where webhook and chat contact methods may send, with and without <c>Firebreak:Notifications:AllowedHosts</c>.</summary>
public sealed class OutboundHostsTests
{
    [Theory]
    [InlineData("https://hooks.slack.com/services/x", true)]
    [InlineData("http://chat.internal:8065/hooks/abc", true)]
    [InlineData("http://10.0.0.5/hook", true)]
    [InlineData("http://127.0.0.1:9099/fb", true)]
    [InlineData("http://169.254.169.254/latest/meta-data", false)]
    [InlineData("http://[fe80::1]/hook", false)]
    [InlineData("http://0.0.0.0/hook", false)]
    public void WithoutAList_OnlyLinkLocalAddressesAreRefused(string url, bool allowed)
    {
        var hosts = new OutboundHosts(null);

        Assert.False(hosts.Restricted);
        Assert.Equal(allowed, hosts.Problem(new Uri(url)) is null);
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/x", true)]
    [InlineData("https://HOOKS.SLACK.COM/services/x", true)]
    [InlineData("https://chat.example.com/hooks/1", true)]
    [InlineData("https://deep.chat.example.com/hooks/1", true)]
    [InlineData("https://example.com/hooks/1", false)]
    [InlineData("https://evil-example.com/hooks/1", false)]
    [InlineData("http://10.1.200.3/hook", true)]
    [InlineData("http://10.2.0.1/hook", false)]
    [InlineData("http://127.0.0.1:9099/fb", false)]
    [InlineData("http://169.254.169.254/latest", false)]
    public void WithAList_OnlyListedNamesAndRangesAreReached(string url, bool allowed)
    {
        var hosts = new OutboundHosts("hooks.slack.com, *.example.com 10.1.0.0/16");

        Assert.True(hosts.Restricted);
        var problem = hosts.Problem(new Uri(url));
        Assert.Equal(allowed, problem is null);
        if (problem is not null)
        {
            Assert.Contains(OutboundHosts.ConfigKey, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AResolvedAddress_IsJudgedToo_SoANameCannotBeRepointedAtARefusedAddress()
    {
        var open = new OutboundHosts(null);
        var listed = new OutboundHosts("hooks.example.com, 169.254.170.2");

        Assert.False(open.Allows("innocent.example.org", IPAddress.Parse("169.254.169.254")));
        Assert.False(open.Allows("innocent.example.org", IPAddress.Parse("::ffff:169.254.169.254")));
        Assert.True(open.Allows("innocent.example.org", IPAddress.Parse("192.0.2.10")));
        Assert.True(listed.Allows("hooks.example.com", IPAddress.Parse("192.0.2.10")));
        Assert.False(listed.Allows("other.example.org", IPAddress.Parse("192.0.2.10")));
        Assert.True(listed.Allows("task-metadata", IPAddress.Parse("169.254.170.2")));
    }
}
