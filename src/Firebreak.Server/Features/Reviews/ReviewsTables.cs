using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Reviews;

/// <summary>This feature's tables on the shared context, declared here so that Storage names no feature.</summary>
public static class ReviewsTables
{
    extension(FirebreakDb db)
    {
        public DbSet<Review> Reviews => db.Set<Review>();
    }
}
