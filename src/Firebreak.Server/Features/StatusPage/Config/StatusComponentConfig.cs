using Firebreak.Server.Features.Config;

namespace Firebreak.Server.Features.StatusPage.Config;

/// <summary>A status page component as config declares it, known by its key.</summary>
public sealed record StatusComponentConfig(string Key, string Name, string? Description, string? Group, IReadOnlyList<string> Services, int Position, SourceRef Where);

/// <summary>The components a folder of config declares, as <c>set.StatusComponents</c>.</summary>
public static class StatusComponentConfigSet
{
    extension(ConfigSet set)
    {
        public IReadOnlyList<StatusComponentConfig> StatusComponents => set.Of<StatusComponentConfig>();
    }
}
