namespace Firebreak.Server.Features.Runbooks;

/// <summary>
/// A runbook and what is known of it; its text lives in <see cref="RunbookVersion"/>s, one per edit, so a run keeps the
/// text it ran. Title, services and owner are copied from the current version for lists and lookups.
/// </summary>
public sealed class Runbook
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public required string Title { get; set; }
    public List<string> Services { get; set; } = [];
    public string? Owner { get; set; }
    public int? ReviewEverySeconds { get; set; }

    /// <summary>The number of the current version; versions count from 1.</summary>
    public int Version { get; set; }

    /// <summary>Where it was last written from: <c>config</c> (config as code) or <c>ui</c>.</summary>
    public required string Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When a run last proved it works, and what run (an incident or a drill); null when never.</summary>
    public DateTimeOffset? ValidatedAt { get; set; }
    public string? ValidatedBy { get; set; }

    /// <summary>Why someone said it needs updating after a run; cleared by a new version.</summary>
    public string? NeedsUpdate { get; set; }
    public List<RunbookVersion> Versions { get; set; } = [];
}

/// <summary>One text of a runbook, never changed once written.</summary>
public sealed class RunbookVersion
{
    public long Id { get; set; }
    public long RunbookId { get; set; }
    public int Number { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

public static class RunbookSources
{
    public const string Config = "config";
    public const string Ui = "ui";
}
