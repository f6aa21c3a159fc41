using Firebreak.Core.Reviews;

namespace Firebreak.Core.Tests.Reviews;

public sealed class BlamelessWordingTests
{
    [Theory]
    [InlineData("Ops should have rolled back sooner.", "should have")]
    [InlineData("It was human error.", "human error")]
    [InlineData("A careless deploy.", "careless")]
    [InlineData("The on-call failed to acknowledge.", "failed to")]
    [InlineData("This was Dana's fault.", "Dana's fault")]
    [InlineData("Nobody is to blame.", "to blame")]
    [InlineData("He forgot the flag.", "forgot")]
    public void Check_ABlamePhrase_IsFlaggedWithASuggestion(string text, string phrase)
    {
        var flags = BlamelessWording.Check(text);

        var flag = Assert.Single(flags);
        Assert.Equal(phrase, flag.Phrase, ignoreCase: true);
        Assert.False(string.IsNullOrWhiteSpace(flag.Suggestion));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("The deploy pipeline had no canary stage, so the bad config reached every region at once.")]
    [InlineData("Shoulder-to-shoulder debugging helped; the fault domain was one zone.")]
    public void Check_SystemWording_IsNotFlagged(string? text) => Assert.Empty(BlamelessWording.Check(text));

    [Fact]
    public void Check_SeveralPhrases_ComeInTheOrderTheyAppear() =>
        Assert.Equal(["human error", "should have"], BlamelessWording.Check("Human error: Bob should have checked.").Select(f => f.Phrase.ToLowerInvariant()));
}
