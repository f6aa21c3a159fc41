using System.Globalization;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Firebreak.Server.Features.Incidents.Opening;

/// <summary>
/// What opening an incident must know before it stages anything, in one statement: which of the first few candidate
/// slugs are taken, the highest number stored, and the id the new incident takes.
/// <para>
/// The id comes from the source the database itself would use (SQLite's AUTOINCREMENT counter, PostgreSQL's identity
/// sequence), so an insert that leaves the id to the database keeps working alongside. Knowing it before the save lets
/// the incident, its checklist and timeline, its escalation and the first pages go in with one save. Openers take turns
/// (<see cref="IncidentOpener.NumberingGate"/>), and a row another node stored with the same id first fails the unique
/// key like a taken number, so the attempt runs again.
/// </para>
/// </summary>
internal static class OpeningLookup
{
    public const int Candidates = 8;

    // AUTOINCREMENT never hands out an id again, even after its row is gone: its counter, or before any row the
    // table's highest id, is where it goes on from.
    private const string SqliteNextId =
        """max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'incidents'), 0), coalesce((SELECT max("Id") FROM "incidents"), 0)) + 1""";

    private const string PostgresNextId = """nextval(pg_get_serial_sequence('incidents', 'Id'))""";

    // Each condition is served by its unique index; the last row carries only the id.
    private static string Sql(string nextId) => $"""
        SELECT "Slug", "Number", NULL AS "NextId" FROM "incidents"
        WHERE "Slug" IN (@s0, @s1, @s2, @s3, @s4, @s5, @s6, @s7) OR "Number" = (SELECT max("Number") FROM "incidents")
        UNION ALL
        SELECT NULL, NULL, {nextId}
        """;

    private static readonly string s_sqlite = Sql(SqliteNextId);
    private static readonly string s_postgres = Sql(PostgresNextId);

    public sealed record Found(IReadOnlySet<string> Taken, int LastNumber, long NextId);

    public static async Task<Found> ReadAsync(FirebreakDb db, IReadOnlyList<string> candidates, CancellationToken ct)
    {
        if (candidates.Count != Candidates)
        {
            throw new ArgumentException($"Exactly {Candidates} candidate slugs.", nameof(candidates));
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = db.Database.IsNpgsql() ? s_postgres : s_sqlite;
            for (var i = 0; i < Candidates; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@s{i}";
                parameter.Value = candidates[i];
                command.Parameters.Add(parameter);
            }

            var taken = new HashSet<string>(StringComparer.Ordinal);
            var (lastNumber, nextId) = (0, 0L);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (await reader.IsDBNullAsync(0, ct))
                {
                    nextId = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
                    continue;
                }

                taken.Add(reader.GetString(0));
                lastNumber = Math.Max(lastNumber, Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture));
            }

            return new Found(taken, lastNumber, nextId);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
