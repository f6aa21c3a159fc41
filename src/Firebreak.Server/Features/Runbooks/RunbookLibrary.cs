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

    public bool Has(long versionId) => _parsed.ContainsKey(versionId);

    /// <summary>A version seen before (see <see cref="Has"/>); null when it was not, or did not parse.</summary>
    public RunbookDocument? Seen(long versionId) => _parsed.GetValueOrDefault(versionId);
}
