using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Firebreak.Server;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.E2E.Tests.Support;

/// <summary>
/// The real <c>firebreak serve</c> program on a free loopback port with its own data folder, started from the server
/// project's build output the way an operator would run it.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "admin-password-for-e2e";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(45);
    private readonly Process _process;
    private readonly DirectoryInfo _dataDir;
    private readonly StringBuilder _output = new();
    private readonly SemaphoreSlim _cliLock = new(1, 1);
    private WebApplication? _cli;

    private ServerProcess(Process process, DirectoryInfo dataDir, Uri baseAddress)
    {
        _process = process;
        _dataDir = dataDir;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync()
    {
        var dll = ServerDll();
        var port = FreePort();
        var dataDir = Directory.CreateTempSubdirectory("firebreak-e2e-");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDir.FullName,
        };
        foreach (var arg in new[] { dll, "serve", "--urls", $"http://127.0.0.1:{port}", "--data", dataDir.FullName })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["FIREBREAK_ADMIN_PASSWORD"] = AdminPassword;
        // Every test signs in from 127.0.0.1; the production limit of ten a minute would throttle the suite.
        start.Environment["Firebreak__SignInAttemptsPerMinute"] = "1000";
        // The webhook receivers listen on 127.0.0.1, which an unconfigured server refuses to post to.
        start.Environment["Firebreak__Notifications__AllowedHosts"] = "*, 127.0.0.1";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server process.");
        var server = new ServerProcess(process, dataDir, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(s_startTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"The server was not ready within {s_startTimeout.TotalSeconds}s:\n{Output}");
            }

            try
            {
                // A short poll interval, not a fixed wait: the loop ends as soon as the server answers.
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The server was not ready within {s_startTimeout.TotalSeconds}s:\n{Output}");
            }
        }
    }

    /// <summary>
    /// Applies config files to this server's database while it runs, through the code <c>firebreak config apply</c>
    /// runs (the same preparation, then <see cref="ConfigApplier"/> in one transaction), with <paramref name="files"/>
    /// beside the YAML (such as <c>runbooks/x.md</c>). It runs in this process: a child process spent seconds
    /// compiling the program on every call; <c>config apply</c> as a program is the server tests' subject.
    /// </summary>
    public async Task ApplyConfigAsync(string yaml, IReadOnlyDictionary<string, string>? files = null)
    {
        var dir = Directory.CreateTempSubdirectory("firebreak-e2e-config-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "config.yaml"), yaml);
            foreach (var (name, text) in files ?? new Dictionary<string, string>())
            {
                var path = Path.Combine(dir.FullName, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, text);
            }

            var cli = await CliAsync();
            await using var scope = cli.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.FullName, demo: false, default);
            if (result.Errors.Count > 0)
            {
                throw new InvalidOperationException($"config apply failed:\n{string.Join('\n', result.Errors)}");
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The program as <c>config apply</c> builds it on this data folder, prepared once and never started.</summary>
    private async Task<WebApplication> CliAsync()
    {
        await _cliLock.WaitAsync();
        try
        {
            if (_cli is null)
            {
                var cli = FirebreakServer.Build(new ServerOptions { DataDir = _dataDir.FullName });
                await FirebreakServer.PrepareAsync(cli, TextWriter.Null);
                _cli = cli;
            }

            return _cli;
        }
        finally
        {
            _cliLock.Release();
        }
    }

    private static string ServerDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepoRoot(), "src", "Firebreak.Server", "bin", configuration, "net10.0", "firebreak.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the server first: {dll} is missing.", dll);
    }

    /// <summary>The folder holding Firebreak.slnx, found by walking up from the test binaries.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Firebreak.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Firebreak.slnx above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cli is not null)
        {
            await _cli.DisposeAsync();
        }

        _cliLock.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        // Kept for whoever reads a failed run: the server's own account of what went wrong.
        await File.WriteAllTextAsync(Path.Combine(RepoRoot(), "TestResults", "e2e-server.log"), Output);
        try
        {
            _dataDir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // SQLite's -wal and -shm files can linger for a moment after the kill; the OS cleans temp later.
        }
    }
}
