namespace Firebreak.Server.Features.Catalog;

/// <summary>The stored form of the active severity scheme's levels.</summary>
public sealed class SeverityLevelRow
{
    public required string Key { get; set; }
    public required string Name { get; set; }
    public int Rank { get; set; }
    public string Description { get; set; } = "";
    public int? AcknowledgeWithinSeconds { get; set; }
    public int? MitigateWithinSeconds { get; set; }
    public int? UpdateEverySeconds { get; set; }
    public int? ReviewWithinSeconds { get; set; }
    public List<string> Checklist { get; set; } = [];

    /// <summary>required, optional or none as configured; null takes the default (required with review_within, else optional).</summary>
    public string? Review { get; set; }

    /// <summary>The questions its reviews ask; null asks the default ones.</summary>
    public List<string>? ReviewQuestions { get; set; }

    /// <summary><c>external_comms: needs_approval</c>: public posts on its incidents wait for approval.</summary>
    public bool ExternalCommsNeedApproval { get; set; }
}
