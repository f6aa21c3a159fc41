namespace Firebreak.Cli.Features.Auth;

// The client's view of the server's contracts, with only what the CLI shows. Not the server's own types: the CLI is
// a plain HTTP client and must keep working against a server of a slightly different version.

internal sealed record MeModel(string Username, string Role);

internal sealed record TokenModel(long Id, string Name, string Prefix, string Role, string Owner);

internal sealed record CreatedTokenModel(TokenModel Token, string Secret);

internal sealed record UserModel(string Username, string DisplayName, string? Email, string Role, bool Disabled, string? TimeZone, List<string>? Warnings);

internal sealed record PasswordResetModel(string Username, string Password, string Note);
