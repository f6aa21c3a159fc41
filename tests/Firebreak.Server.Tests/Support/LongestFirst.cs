using Xunit.Abstractions;

[assembly: TestCollectionOrderer(Firebreak.Server.Tests.Support.LongestFirst.TypeName, "Firebreak.Server.Tests")]

namespace Firebreak.Server.Tests.Support;

/// <summary>
/// Marks a test class that takes a minute or more of wall time (child processes, a real minute of waiting). Such classes
/// run first, so they overlap the many short ones instead of being the run's tail.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RunsLongAttribute : Attribute;

/// <summary>Starts the collections of <see cref="RunsLongAttribute"/> classes first, the rest in xunit's own order.</summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    public const string TypeName = "Firebreak.Server.Tests.Support.LongestFirst";

    private const string DefaultPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => RunsLong(c) ? 0 : 1);

    private static bool RunsLong(ITestCollection collection) =>
        collection.DisplayName.StartsWith(DefaultPrefix, StringComparison.Ordinal)
        && typeof(LongestFirst).Assembly.GetType(collection.DisplayName[DefaultPrefix.Length..]) is { } type
        && type.IsDefined(typeof(RunsLongAttribute), inherit: false);
}
