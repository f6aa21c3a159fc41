using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Firebreak.Server.Tests.Support;

/// <summary>
/// Keeps what the server logs at Error or above (unhandled exceptions among them), so a test can assert that bad input
/// never reached an unhandled path even when the client saw a tidy answer.
/// </summary>
/// <remarks>
/// EF Core logs every failed statement at Error, also when the caller expects and handles the failure (two nodes
/// creating the same setting: the loser reads the winner's). Those are left out; a failure nobody handled still shows,
/// as the request's own unhandled-exception entry or a 5xx.
/// </remarks>
public sealed class ServerLog : ILoggerProvider
{
    private static readonly string[] s_handledByCallers = ["Microsoft.EntityFrameworkCore.Database.Command", "Microsoft.EntityFrameworkCore.Update"];

    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyList<string> Errors => [.. _errors];

    public void Clear() => _errors.Clear();

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _errors, !s_handledByCallers.Contains(categoryName));

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<string> errors, bool records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => records && logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
            }
        }
    }
}
