namespace Firebreak.Server.Features.StatusPage;

public sealed record StatusComponentDto(
    string Key, string Name, string? Description, string? Group, int Position, string Status, IReadOnlyList<string> Services, DateTimeOffset UpdatedAt);

public sealed record SetComponentStatusRequest(string? Status);
