using System.Collections.Concurrent;
using Firebreak.Server.Features.Runbooks.Format;

namespace Firebreak.Server.Features.Runbooks;

/// <summary>
/// Parsed runbook versions by id. A version's text never changes, so its parse is kept for the life of the process and
/// matching an incident parses nothing once every runbook has been seen.
/// </summary>
public sealed class RunbookLibrary
{
    private readonly ConcurrentDictionary<long, RunbookDocument?> _parsed = new();

    public RunbookDocument? Document(RunbookVersion version) =>
        _parsed.GetOrAdd(version.Id, _ => RunbookParser.Parse(version.Text, $"{version.RunbookId}.md").Document);
}
