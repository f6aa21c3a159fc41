using Microsoft.Data.Sqlite;
using static System.IO.UnixFileMode;

namespace Firebreak.Server.Storage;

/// <summary>
/// Keeps the SQLite database private on Unix: it holds integration keys, webhook signing secrets and password hashes.
/// The folder is created 0700 and the database file 0600 before SQLite opens it; SQLite gives the -wal, -shm and
/// -journal files it creates the database file's mode. A folder or files left readable by others (an older version, a
/// umask of 022) are tightened at start, with one line saying so. A folder that holds anything besides the database is
/// not Firebreak's to chmod, so for that one the line says what to do instead.
/// </summary>
public static class DataFolder
{
    private const UnixFileMode OwnerOnly = UserRead | UserWrite | UserExecute;
    private const UnixFileMode Others = GroupRead | GroupWrite | GroupExecute | OtherRead | OtherWrite | OtherExecute;
    private static readonly string[] s_companions = ["", "-wal", "-shm", "-journal"];

    /// <summary>The folder beside the database that holds the key ring (cookies, antiforgery tokens, stored secrets).</summary>
    public const string KeysFolder = "keys";

    /// <summary>A folder only this user can read, created 0700 if it is missing (Unix).</summary>
    public static DirectoryInfo Private(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        var folder = Directory.Exists(path) ? new DirectoryInfo(path) : Directory.CreateDirectory(path, OwnerOnly);
        if ((File.GetUnixFileMode(path) & Others) != 0)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) & ~Others);
        }

        return folder;
    }

    /// <summary>Makes the database behind <paramref name="connectionString"/> private; returns a line for the log, or null when all was already so.</summary>
    public static string? Secure(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (OperatingSystem.IsWindows() || builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return null;
        }

        var database = Path.GetFullPath(builder.DataSource);
        var folder = Path.GetDirectoryName(database)!;
        string? notice = null;
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, OwnerOnly);
        }
        else if ((File.GetUnixFileMode(folder) & Others) != 0)
        {
            var name = Path.GetFileName(database);
            var onlyOurs = Directory.EnumerateFileSystemEntries(folder)
                .All(e => Path.GetFileName(e).StartsWith(name, StringComparison.Ordinal) || Path.GetFileName(e) == KeysFolder);
            if (onlyOurs)
            {
                File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) & ~Others);
                notice = $"Data folder {folder} was open to other users; made it 0700 and its database files 0600.";
            }
            else
            {
                notice = $"Data folder {folder} is open to other users and holds more than Firebreak's database: chmod 700 it, or give the database a folder of its own. The database files are 0600.";
            }
        }

        CreatePrivately(database);
        var loosened = new List<string>();
        foreach (var file in s_companions.Select(suffix => database + suffix).Where(File.Exists))
        {
            var mode = File.GetUnixFileMode(file);
            if ((mode & Others) != 0)
            {
                File.SetUnixFileMode(file, mode & ~Others);
                loosened.Add(file);
            }
        }

        return notice ?? (loosened.Count > 0 ? $"Database files in {folder} were open to other users; made them 0600: {string.Join(", ", loosened.Select(Path.GetFileName))}." : null);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreatePrivately(string database)
    {
        try
        {
            // An empty file is a valid new database; SQLite opens it as it is instead of creating one by the umask.
            using var _ = new FileStream(database, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UserRead | UserWrite,
            });
        }
        catch (IOException) when (File.Exists(database))
        {
            // Already there: its mode is checked with the others.
        }
    }
}
