using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Firebreak.Server.Storage;

/// <summary>
/// The work queue's claim, the one statement EF cannot express: an UPDATE … RETURNING over a limited, ordered subquery.
/// Provider SQL lives here, not in the engine (docs/adr/0005).
/// </summary>
public static class WorkClaims
{
    private static readonly DateTimeOffsetToBinaryConverter s_binary = new();

    /// <summary>
    /// Leases up to <paramref name="max"/> due, unleased (or lease-expired) items to <paramref name="owner"/> until
    /// <paramref name="until"/> and returns their ids. PostgreSQL skips rows another node is claiming at the same
    /// moment; SQLite has one writer, so one statement is enough there.
    /// </summary>
    public static async Task<List<long>> LeaseDueAsync(FirebreakDb db, string owner, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<long>($"""
                UPDATE work_items SET "LeaseOwner" = {owner}, "LeaseUntil" = {until}
                WHERE "Id" IN (SELECT "Id" FROM work_items
                               WHERE "DueAt" <= {now} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                               ORDER BY "DueAt" LIMIT {max} FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct)
            : await db.Database.SqlQuery<long>($"""
                UPDATE work_items SET "LeaseOwner" = {owner}, "LeaseUntil" = {Stored(until)}
                WHERE "Id" IN (SELECT "Id" FROM work_items
                               WHERE "DueAt" <= {Stored(now)} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {Stored(now)})
                               ORDER BY "DueAt" LIMIT {max})
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct);

    // The SQLite model stores instants in DateTimeOffset's binary form (see SqliteFirebreakDb); raw SQL must match it.
    private static long Stored(DateTimeOffset at) => (long)s_binary.ConvertToProvider(at)!;
}
