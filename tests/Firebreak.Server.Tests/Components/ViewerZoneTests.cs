using Firebreak.Server.Components.Shared;
using NodaTime;

namespace Firebreak.Server.Tests.Components;

public sealed class ViewerZoneTests
{
    [Fact]
    public void Resolve_ProfileAndBrowserZones_ProfileWins() =>
        Assert.Equal("Europe/Berlin", ViewerZone.Resolve("Europe/Berlin", "Asia/Tokyo").Id);

    [Fact]
    public void Resolve_NoProfileZone_BrowserZone() =>
        Assert.Equal("Asia/Tokyo", ViewerZone.Resolve(null, "Asia/Tokyo").Id);

    [Fact]
    public void Resolve_Neither_Utc() =>
        Assert.Equal(DateTimeZone.Utc, ViewerZone.Resolve(null, null));

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("<script>")]
    [InlineData("   ")]
    public void Resolve_UnknownBrowserZone_IsIgnored(string cookie) =>
        Assert.Equal(DateTimeZone.Utc, ViewerZone.Resolve(null, cookie));

    [Fact]
    public void Resolve_UnknownProfileZone_FallsBackToBrowser() =>
        Assert.Equal("Asia/Tokyo", ViewerZone.Resolve("Nowhere/Land", "Asia/Tokyo").Id);
}
