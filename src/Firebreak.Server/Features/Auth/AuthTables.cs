using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Auth;

/// <summary>This feature's tables on the shared context, declared here so that Storage names no feature.</summary>
public static class AuthTables
{
    extension(FirebreakDb db)
    {
        public DbSet<User> Users => db.Set<User>();

        public DbSet<ApiToken> ApiTokens => db.Set<ApiToken>();
    }
}
