namespace Firebreak.Server.Features.Auth;

public static class ApiTokenDefaults
{
    public const string Scheme = "ApiToken";
    public const string TokenPrefix = "fbk_";
}
