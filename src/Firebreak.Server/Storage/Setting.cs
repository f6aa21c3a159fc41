namespace Firebreak.Server.Storage;

/// <summary>A small key/value store for instance-wide settings such as the active severity scheme.</summary>
public sealed class Setting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
