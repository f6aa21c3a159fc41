using System.Globalization;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Firebreak.Server.Features.Incidents.Opening;

/// <summary>
/// Gives a new incident its id before it is saved, from the same source the database would have used (SQLite's
/// AUTOINCREMENT counter, PostgreSQL's identity sequence). With the id known, the incident, its checklist and timeline,
/// its escalation and the first pages are written by one save: the escalation no longer waits for a save to learn which
/// incident it pages for. Openers take turns (<see cref="IncidentOpener.NumberingGate"/>), and a row another node
/// stored with the same id first fails the unique key like a taken number, so the attempt runs again.
/// </summary>
internal static class IncidentIds
{
    // AUTOINCREMENT never hands out an id again, even after the row is gone; the counter (or, before any row, the
    // table's highest id) is where it would go on from.
    private const string SqliteNext = """
        SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'incidents'), 0), coalesce((SELECT max("Id") FROM "incidents"), 0)) + 1
        """;

    // The identity column's own sequence: an insert that leaves the id to the database keeps working alongside.
    private const string PostgresNext = """SELECT nextval(pg_get_serial_sequence('incidents', 'Id'))""";

    /// <summary>The id for the next incident, above <paramref name="pendingMax"/> (incidents staged in this unit of work, not yet stored).</summary>
    public static async Task<long> NextAsync(FirebreakDb db, long pendingMax, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = db.Database.IsNpgsql() ? PostgresNext : SqliteNext;
            var next = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            return Math.Max(next, pendingMax + 1);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
