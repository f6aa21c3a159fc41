using System.Diagnostics;
using System.Text;

namespace Firebreak.Server.Tests.Support;

/// <summary>The built <c>firebreak runner</c> as a child process against a server on loopback; killed with its tree when disposed.</summary>
public sealed class RunnerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private RunnerProcess(Process process) => _process = process;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static RunnerProcess Start(Uri server, string token, string allowFile)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { FirebreakProcess.ServerDll(), "runner", "--server", server.ToString(), "--allow", allowFile })
        {
            start.ArgumentList.Add(arg);
        }

        // As an operator should: the token in the environment, not on the command line where ps shows it.
        start.Environment["FIREBREAK_RUNNER_TOKEN"] = token;
        var process = Process.Start(start)!;
        var runner = new RunnerProcess(process);
        process.OutputDataReceived += (_, e) => runner.Append(e.Data);
        process.ErrorDataReceived += (_, e) => runner.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return runner;
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(bound.Token);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
