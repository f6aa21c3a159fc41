using Firebreak.Core.Severity;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Reviews;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Reviews;

/// <summary>The severity's <c>review</c> and <c>review_questions</c> in config files: defaults, what each policy does, mistakes at file and line.</summary>
public sealed class ReviewPolicyConfigTests
{
    private static (ConfigSet Set, IReadOnlyList<string> Errors) Read(string yaml)
    {
        using var dir = new TempDir();
        dir.Write("severity.yaml", yaml);
        var (set, errors) = FirebreakServer.OfflineConfigReader().Read(dir.Path);
        return (set, [.. errors]);
    }

    [Fact]
    public void Read_ReviewPolicies_DefaultFromReviewWithin_AndQuestionsPerLevel()
    {
        var (set, errors) = Read("""
            severity:
              levels:
                - key: S1
                  review_within: 3d
                  review_questions: ["What told us first?", "What would have stopped it?"]
                - key: S2
                  review_within: 5d
                  review: optional
                - key: S3
                  review: none
                - key: S4
            """);

        Assert.Empty(errors);
        var levels = set.Severity!.Levels;
        Assert.Equal([ReviewRequirement.Required, ReviewRequirement.Optional, ReviewRequirement.None, ReviewRequirement.Optional], levels.Select(l => l.ReviewPolicy));
        var resolved = new Incident { Title = "t", Slug = "t", SeverityKey = "S1", ResolvedAt = DateTimeOffset.UnixEpoch };
        Assert.Equal([true, false, false, false], levels.Select(l => ReviewPolicy.DraftOnResolve(resolved, l)));
        Assert.Equal([true, true, false, true], levels.Select(ReviewPolicy.MayStart));
        Assert.Equal(["What told us first?", "What would have stopped it?"], ReviewPolicy.Questions(levels[0]));
        Assert.Equal(ReviewPolicy.DefaultQuestions, ReviewPolicy.Questions(levels[1]));
        Assert.True(SeverityPresets.Sev.Levels.Select(l => l.ReviewPolicy).SequenceEqual(
            [ReviewRequirement.Required, ReviewRequirement.Required, ReviewRequirement.Required, ReviewRequirement.Optional]), "presets keep today's behaviour");
    }

    [Fact]
    public void Validate_BrokenReviewPolicies_AtFileAndLine()
    {
        var (_, errors) = Read("""
            severity:
              levels:
                - key: S1
                  review: sometimes
                - key: S2
                  review: required
                - key: S3
                  review: none
                  review_within: 1d
                - key: S4
                  review_questions: []
                - key: S5
                  review_questions: "Why?"
            """);

        void Has(string where, string text) =>
            Assert.True(errors.Any(e => e.StartsWith($"{where}: ", StringComparison.Ordinal) && e.Contains(text, StringComparison.Ordinal)),
                $"no error at {where} mentioning '{text}' in:\n{string.Join("\n", errors)}");
        Has("severity.yaml:4", "review is 'sometimes'; use required, optional or none");
        Has("severity.yaml:6", "review: required needs review_within");
        Has("severity.yaml:9", "review_within has no effect with review: none");
        Has("severity.yaml:11", "review_questions is a list of 1 to 20 questions");
        Has("severity.yaml:13", "expected a list of strings");
    }
}
