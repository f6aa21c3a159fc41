namespace Firebreak.Server.Features.Runbooks.Runners;

/// <summary>
/// A machine an admin registered to run shell steps: it asks the server for work (the server never reaches into its
/// network), and takes only jobs whose step labels its own include. Only a SHA-256 of its token is kept.
/// </summary>
public sealed class RunbookRunner
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public required string Prefix { get; set; }
    public required byte[] SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>When it last asked for work or reported; a runner not seen within <see cref="RunnerRegistry.Connected"/> gets no new jobs.</summary>
    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>True when it holds labels equal to every label a step asks for.</summary>
    public bool Serves(IReadOnlyDictionary<string, string> wanted) =>
        wanted.All(w => Labels.TryGetValue(w.Key, out var value) && string.Equals(value, w.Value, StringComparison.Ordinal));
}
