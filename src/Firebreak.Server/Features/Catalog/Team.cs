using Firebreak.Server.Features.Auth;

namespace Firebreak.Server.Features.Catalog;

public sealed class Team
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public List<User> Members { get; set; } = [];
}
