namespace Firebreak.Server.Features.Auth;

public sealed class User
{
    public long Id { get; set; }
    public required string Username { get; set; }
    public required string DisplayName { get; set; }
    public string? Email { get; set; }
    public Role Role { get; set; }
    public string? PasswordHash { get; set; }
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
