namespace Firebreak.Server.Features.Maintenance;

/// <summary>
/// Where public windows are shown (the status page) registers one, so Maintenance names no one: it asks which
/// components a public window may name, and says when windows change.
/// </summary>
public interface IPublicMaintenance
{
    /// <summary>The component keys a public window may name.</summary>
    Task<IReadOnlySet<string>> ComponentKeysAsync(CancellationToken ct);

    /// <summary>After a window was created or removed, once committed.</summary>
    Task ChangedAsync(CancellationToken ct);
}
