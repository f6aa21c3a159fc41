using System.Net;
using Firebreak.Server.Features.Notifications.Channels;

namespace Firebreak.Server.Tests.Features.Notifications;

/// <summary>Where webhook and chat contact methods may send, with and without <c>Firebreak:Notifications:AllowedHosts</c>.</summary>
public sealed class OutboundHostsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:9099/fb")]
    [InlineData("http://127.1:9099/fb")]
    [InlineData("http://2130706433:9099/fb")]
    [InlineData("http://0x7f000001:9099/fb")]
    [InlineData("http://0177.0.0.1:9099/fb")]
    [InlineData("http://127.000.000.001/")]
    [InlineData("http://127.0.0.1.:9099/fb")]
    [InlineData("http://127.8.9.10/")]
    [InlineData("http://[::1]:9099/fb")]
    [InlineData("http://[::ffff:127.0.0.1]:9099/fb")]
    [InlineData("http://[0:0:0:0:0:ffff:7f00:1]/")]
    [InlineData("http://[::127.0.0.1]/")]
    [InlineData("http://localhost:9099/fb")]
    [InlineData("http://LOCALHOST.:9099/fb")]
    [InlineData("http://api.localhost/")]
    [InlineData("http://①②⑦.0.0.1/")]
    [InlineData("http://0.0.0.0:9099/")]
    [InlineData("http://0/")]
    [InlineData("http://0.1.2.3/")]
    [InlineData("http://[::]/")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://172.16.0.1/hook")]
    [InlineData("http://172.31.255.254/hook")]
    [InlineData("http://192.168.1.10/hook")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://100.127.255.254/hook")]
    [InlineData("http://[fc00::1]/hook")]
    [InlineData("http://[fd12:3456::1]/hook")]
    [InlineData("http://[::ffff:10.0.0.5]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://224.0.0.251/hook")]
    [InlineData("http://[ff02::1]/hook")]
    [InlineData("http://255.255.255.255/hook")]
    public void WithoutAList_InternalDestinationsAreRefused_InEverySpelling(string url)
    {
        var problem = new OutboundHosts(null).Problem(new Uri(url));

        Assert.NotNull(problem);
        Assert.Contains(OutboundHosts.ConfigKey, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/x")]
    [InlineData("http://chat.internal:8065/hooks/abc")]
    [InlineData("http://8.8.8.8/hook")]
    [InlineData("http://172.32.0.1/hook")]
    [InlineData("http://100.128.0.1/hook")]
    [InlineData("http://[2001:4860:4860::8888]/hook")]
    public void WithoutAList_PublicDestinationsAndNames_AreAllowed_NamesJudgedAgainAfterDns(string url) =>
        Assert.Null(new OutboundHosts(null).Problem(new Uri(url)));

    [Theory]
    [InlineData("https://hooks.slack.com/services/x", true)]
    [InlineData("https://HOOKS.SLACK.COM/services/x", true)]
    [InlineData("https://hooks.slack.com./services/x", true)]
    [InlineData("https://chat.example.com/hooks/1", true)]
    [InlineData("https://deep.chat.example.com/hooks/1", true)]
    [InlineData("https://example.com/hooks/1", false)]
    [InlineData("https://evil-example.com/hooks/1", false)]
    [InlineData("http://10.1.200.3/hook", true)]
    [InlineData("http://10.2.0.1/hook", false)]
    [InlineData("http://8.8.8.8/hook", false)]
    [InlineData("http://127.0.0.1:9099/fb", false)]
    [InlineData("http://169.254.169.254/latest", false)]
    public void WithAList_OnlyListedNamesAndRangesAreReached(string url, bool allowed)
    {
        var hosts = new OutboundHosts("hooks.slack.com, *.example.com 10.1.0.0/16");

        var problem = hosts.Problem(new Uri(url));
        Assert.Equal(allowed, problem is null);
        if (problem is not null)
        {
            Assert.Contains(OutboundHosts.ConfigKey, problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:9099/fb", true)]
    [InlineData("http://127.1:9099/fb", true)]
    [InlineData("http://[::ffff:127.0.0.1]:9099/fb", true)]
    [InlineData("http://localhost:9099/fb", true)]
    [InlineData("http://127.0.0.2:9099/fb", false)]
    [InlineData("http://[::1]:9099/fb", false)]
    [InlineData("http://10.1.3.4/hook", true)]
    [InlineData("http://10.2.0.1/hook", false)]
    [InlineData("https://hooks.slack.com/services/x", true)]
    [InlineData("http://8.8.8.8/hook", true)]
    public void AStarKeepsPublicDestinations_AndAListedAddressOrRangeOpensJustThat(string url, bool allowed) =>
        Assert.Equal(allowed, new OutboundHosts("*, 127.0.0.1, 10.1.0.0/16").Problem(new Uri(url)) is null);

    [Fact]
    public void AResolvedAddress_IsJudgedToo_SoANameCannotBeRepointedAtARefusedAddress()
    {
        var open = new OutboundHosts(null);
        var listed = new OutboundHosts("hooks.example.com, task-metadata, 169.254.170.2");

        foreach (var inside in new[] { "127.0.0.1", "::1", "::ffff:127.0.0.1", "10.1.2.3", "192.168.0.7", "100.64.1.1", "fd00::1", "169.254.169.254", "::ffff:169.254.169.254", "224.0.0.251", "0.0.0.0" })
        {
            Assert.False(open.Allows("innocent.example.org", IPAddress.Parse(inside)), inside);
        }

        Assert.True(open.Allows("innocent.example.org", IPAddress.Parse("192.0.2.10")));
        Assert.True(listed.Allows("hooks.example.com", IPAddress.Parse("192.0.2.10")));
        Assert.False(listed.Allows("hooks.example.com", IPAddress.Parse("10.0.0.1")));
        Assert.False(listed.Allows("other.example.org", IPAddress.Parse("192.0.2.10")));
        Assert.True(listed.Allows("task-metadata", IPAddress.Parse("169.254.170.2")));
        Assert.False(listed.Allows("task-metadata", IPAddress.Parse("169.254.169.254")));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("hooks!.example.com")]
    [InlineData("http://hooks.example.com")]
    public void AnEntryThatIsNeitherNameNorRange_FailsAtStart(string entry)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new OutboundHosts($"hooks.slack.com, {entry}"));

        Assert.Contains(OutboundHosts.ConfigKey, error.Message, StringComparison.Ordinal);
    }
}
