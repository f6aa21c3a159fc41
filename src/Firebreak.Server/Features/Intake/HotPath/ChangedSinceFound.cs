using Npgsql;

namespace Firebreak.Server.Features.Intake.HotPath;

/// <summary>
/// How a hot-path statement on PostgreSQL refuses to write when a row changed since the batch found it. Run outside a
/// transaction, a statement commits in the same round trip that runs it, so nothing can be rolled back once it answers:
/// it must fail as a whole instead. Plain SQL has no RAISE; a cast of a marked text that is not a number is an error
/// PostgreSQL can only meet at run time, because the text includes the value checked.
/// </summary>
internal static class ChangedSinceFound
{
    private const string Marker = "firebreak: changed since found";

    /// <summary><paramref name="value"/> (a bigint) when <paramref name="condition"/> holds; otherwise the statement fails.</summary>
    public static string Unless(string condition, string value) =>
        $"CASE WHEN {condition} THEN {value} ELSE CAST('{Marker}: ' || ({value}) AS bigint) END";

    public static bool Is(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.InvalidTextRepresentation } failed
        && failed.MessageText.Contains(Marker, StringComparison.Ordinal);
}
