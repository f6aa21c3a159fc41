using Firebreak.Core.Severity;

namespace Firebreak.Server.Features.Config;

/// <summary>A place in a config file, for error messages people can jump to.</summary>
public sealed record SourceRef(string File, long Line)
{
    public override string ToString() => $"{File}:{Line}";
}

public sealed record ConfigError(SourceRef Where, string Message)
{
    public override string ToString() => $"{Where}: {Message}";
}

public sealed record UserConfig(string Username, string? Name, string? Email, string Role, SourceRef Where);

public sealed record TeamConfig(string Key, string Name, IReadOnlyList<string> Members, SourceRef Where);

public sealed record ServiceConfig(string Key, string Name, string? Description, string? Team, SourceRef Where, string? TimeZone = null, string AutoResolve = "resolved");

public sealed record DemoEvent(TimeSpan After, string? Status, string? Note, string? By, string? Severity, SourceRef Where);

public sealed record DemoIncident(
    string Title, string Severity, string? Service, string? Description, string? Impact, TimeSpan Ago,
    TimeSpan? ImpactBefore, string? Commander, string? DeclaredBy, IReadOnlyList<DemoEvent> Events, SourceRef Where);

public sealed record ConfigSet(
    SeverityScheme? Severity,
    IReadOnlyList<UserConfig> Users,
    IReadOnlyList<TeamConfig> Teams,
    IReadOnlyList<ServiceConfig> Services,
    IReadOnlyList<DemoIncident> Incidents);
