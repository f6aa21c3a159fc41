namespace Firebreak.Server.Features.Catalog;

public sealed class Service
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public long? OwnerTeamId { get; set; }
    public Team? OwnerTeam { get; set; }
}
