using System.Diagnostics;

namespace Firebreak.Server.Tests.Support;

/// <summary>The statements Npgsql sends while some work runs, told apart from other tests' and the engine's by trace.</summary>
public static class PostgresStatements
{
    public static async Task<(T Result, List<string> Statements)> WhileAsync<T>(Func<Task<T>> work)
    {
        var statements = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        // The work's statements are children of this activity; other tests' and the engine's are not.
        using var parent = new Activity("work").Start();
        listener.ActivityStopped = a =>
        {
            if (a.TraceId == parent.TraceId && a.Source.Name == "Npgsql")
            {
                lock (statements)
                {
                    statements.Add(string.Join(" ", a.TagObjects.Select(t => t.Value).OfType<string>().Where(v => v.Contains(' ', StringComparison.Ordinal))));
                }
            }
        };
        var result = await work();
        lock (statements)
        {
            return (result, [.. statements]);
        }
    }
}
