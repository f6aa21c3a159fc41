namespace Firebreak.Cli.Features.Catalog;

// The client's view of the server's contracts, with only what the CLI shows. Not the server's own types: the CLI is
// a plain HTTP client and must keep working against a server of a slightly different version.

internal sealed record ServiceModel(
    string Key, string Name, string? Description, string? Team, string? TimeZone, string? EscalationPolicy, string AutoResolve);
