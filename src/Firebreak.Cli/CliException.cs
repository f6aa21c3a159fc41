namespace Firebreak.Cli;

/// <summary>
/// Ends a command with an exit code and lines for stderr. Thrown from deep inside HTTP and config code so each verb
/// stays a straight line of happy-path calls.
/// </summary>
public sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : this(ExitCodes.Refused, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Refused;
    }

    public CliException(int exitCode, string message, IReadOnlyList<string>? details = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        Details = details ?? [];
    }

    public int ExitCode { get; } = ExitCodes.Refused;

    /// <summary>Further lines, such as one per invalid field or a hint what to do next.</summary>
    public IReadOnlyList<string> Details { get; } = [];
}
