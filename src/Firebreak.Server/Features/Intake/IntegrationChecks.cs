namespace Firebreak.Server.Features.Intake;

/// <summary>What makes an integration's own fields valid; the API and config files both ask here, so they agree.</summary>
public static class IntegrationChecks
{
    public static string? Name(string? name) => string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200
        ? "Give the integration a name of 1–200 characters, e.g. 'prod Alertmanager'."
        : null;

    public static string? Kind(string? kind) => IntegrationKinds.All.Contains(kind?.Trim().ToLowerInvariant() ?? "")
        ? null
        : $"Unknown kind '{kind}'. Use one of: {string.Join(", ", IntegrationKinds.All)}.";

    public static string? RatePerMinute(int? rate) => rate is < 1 or > 1_000_000
        ? "Use a rate between 1 and 1,000,000 events per minute, or leave it out for no limit."
        : null;
}
