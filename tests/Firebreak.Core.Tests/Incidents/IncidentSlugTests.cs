using Firebreak.Core.Incidents;

namespace Firebreak.Core.Tests.Incidents;

public sealed class IncidentSlugTests
{
    private static readonly DateTimeOffset s_day = new(2025, 1, 15, 23, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("API high latency", "inc-20250115-api-high-latency")]
    [InlineData("  Checkout: 502s on /pay!! ", "inc-20250115-checkout-502s-on-pay")]
    [InlineData("Café número único", "inc-20250115-cafe-numero-unico")]
    [InlineData("!!!", "inc-20250115")]
    public void Create_MakesReadableSlug(string title, string expected) =>
        Assert.Equal(expected, IncidentSlug.Create(s_day, title));

    [Fact]
    public void Create_LongTitle_CutsAtWordBoundary()
    {
        var slug = IncidentSlug.Create(s_day, "Elevated TLS handshake errors at the edge in three regions at once");

        Assert.Equal("inc-20250115-elevated-tls-handshake-errors-at-the", slug);
    }

    [Fact]
    public void Unique_AppendsCounterWhenTaken()
    {
        var taken = new HashSet<string> { "inc-20250115-db", "inc-20250115-db-2" };

        Assert.Equal("inc-20250115-db-3", IncidentSlug.Unique("inc-20250115-db", taken.Contains));
    }
}
