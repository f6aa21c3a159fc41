using System.CommandLine;

namespace Firebreak.Server.Hosting;

/// <summary><c>--data</c>, for every admin verb that opens the database: FIREBREAK_DATA, else ./data.</summary>
internal sealed class DataDirOption : Option<string>
{
    public DataDirOption()
        : base("--data")
    {
        Description = "Data directory (SQLite database).";
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FIREBREAK_DATA") ?? "data";
    }
}
