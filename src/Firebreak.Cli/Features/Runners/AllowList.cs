namespace Firebreak.Cli.Features.Runners;

/// <summary>
/// The commands this runner will start, from a file of absolute paths or bare names (one a line, <c>#</c> comments).
/// The server decides what to ask for; the machine's owner decides what may run here, and anything else is refused.
/// </summary>
internal sealed class AllowList
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    private AllowList(string? source) => Source = source;

    public string? Source { get; }

    public int Count => _names.Count + _paths.Count;

    public static AllowList Read(string? file)
    {
        var list = new AllowList(file);
        if (file is null)
        {
            return list;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"Cannot read the allow-list {file}: {ex.Message}");
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var entry = lines[i].Trim();
            if (entry.Length == 0 || entry.StartsWith('#'))
            {
                continue;
            }

            if (!entry.Contains('/', StringComparison.Ordinal))
            {
                list._names.Add(entry);
            }
            else if (Path.IsPathRooted(entry))
            {
                list._paths.Add(Path.GetFullPath(entry));
            }
            else
            {
                throw new CliException(ExitCodes.Usage, $"{file}:{i + 1}: '{entry}' is a relative path; write an absolute path (/usr/bin/systemctl) or a bare command name (systemctl).");
            }
        }

        return list;
    }

    /// <summary>The file to start for <paramref name="command"/>, or why it may not run here.</summary>
    public (string? Path, string? Refusal) Resolve(string command)
    {
        var refusal = $"'{command}' is not on this runner's allow-list ({Source ?? "no --allow file was given, so nothing is allowed"}); the runner's owner adds its absolute path or name there to allow it";
        if (string.IsNullOrWhiteSpace(command))
        {
            return (null, "the step has no command: argv is empty");
        }

        if (command.Contains('/', StringComparison.Ordinal))
        {
            if (!Path.IsPathRooted(command))
            {
                return (null, $"'{command}' is a relative path, which a runner never runs: write an absolute path or a bare name");
            }

            var full = Path.GetFullPath(command);
            return !_paths.Contains(full) ? (null, refusal) : File.Exists(full) ? (full, null) : (null, $"'{full}' is allowed but does not exist on this runner");
        }

        var found = FindOnPath(command);
        if (!_names.Contains(command) && (found is null || !_paths.Contains(found)))
        {
            return (null, refusal);
        }

        // The path found now is what starts, so what was judged is what runs.
        return found is null ? (null, $"'{command}' is allowed but not found on this runner's PATH") : (found, null);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(Path.IsPathRooted)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
