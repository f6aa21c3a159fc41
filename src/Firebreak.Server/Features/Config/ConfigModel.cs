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

/// <param name="EscalationPolicy">The policy key; null when the file does not say (an assignment made with the API or CLI
/// stays), <see cref="NoPolicy"/> to take the service off any policy.</param>
public sealed record ServiceConfig(
    string Key, string Name, string? Description, string? Team, SourceRef Where, string? TimeZone = null, string AutoResolve = "resolved",
    string? EscalationPolicy = null, SourceRef? EscalationPolicyWhere = null)
{
    public const string NoPolicy = "none";
}
