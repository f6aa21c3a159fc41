using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Auth;

/// <summary>Servers for tests that sign in many times from 127.0.0.1, which the production limit of ten a minute would throttle.</summary>
internal static class SignInLimits
{
    public static readonly IReadOnlyDictionary<string, string?> Relaxed = new Dictionary<string, string?>
    {
        ["Firebreak:SignInAttemptsPerMinute"] = "1000",
    };
}

public sealed class SqliteSignInFixture() : ServerFixture(DatabaseProvider.Sqlite, SignInLimits.Relaxed);

public sealed class PostgresSignInFixture() : ServerFixture(DatabaseProvider.Postgres, SignInLimits.Relaxed);
