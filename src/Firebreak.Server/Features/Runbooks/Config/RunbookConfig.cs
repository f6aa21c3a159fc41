using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Runbooks.Format;

namespace Firebreak.Server.Features.Runbooks.Config;

/// <summary>A runbook file of config's <c>runbooks/</c> folder: what it says, and its text kept whole as a version.</summary>
public sealed record RunbookConfig(RunbookDocument Document, string Text, SourceRef Where);

/// <summary>The runbooks a folder of config declares, as <c>set.Runbooks</c>.</summary>
public static class RunbookConfigSet
{
    extension(ConfigSet set)
    {
        public IReadOnlyList<RunbookConfig> Runbooks => set.Of<RunbookConfig>();
    }
}
