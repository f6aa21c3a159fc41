using System.Diagnostics;
using System.Reflection;
using Firebreak.Server.Tests.Features.Cli;

namespace Firebreak.Server.Tests.Support;

/// <summary>The built <c>firebreak</c> program as a child process: real console, real environment variables.</summary>
public static class FirebreakProcess
{
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Prepend(ServerDll()))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Generous: a program start on a machine busy with the rest of the suite has taken over a minute.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The server project's own build output, for the configuration these tests were built in.</summary>
    public static string ServerDll()
    {
        var configuration = typeof(FirebreakProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Firebreak.slnx")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var dll = Path.Combine(dir.FullName, "src", "Firebreak.Server", "bin", configuration, "net10.0", "firebreak.dll");
        Assert.True(File.Exists(dll), $"Not built: {dll}");
        return dll;
    }
}
