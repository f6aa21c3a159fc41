using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Firebreak.Server.Tests.Support;

/// <summary>The real <c>firebreak</c> executable as a child process, for tests that must kill it.</summary>
public sealed class ChildServer : IAsyncDisposable
{
    public const string AdminPassword = "child-admin-password";
    private readonly Process _process;

    private ChildServer(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Firebreak.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (Firebreak.slnx) not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The server build of the same configuration as this test assembly.</summary>
    public static string ServerDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepoRoot(), "src", "Firebreak.Server", "bin", configuration, "net10.0", "firebreak.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the solution first", dll);
    }

    public static async Task<ChildServer> StartAsync(string dataDir, IReadOnlyDictionary<string, string>? env = null)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var psi = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ServerDll(), "serve", "--urls", url.ToString().TrimEnd('/'), "--data", dataDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["FIREBREAK_ADMIN_PASSWORD"] = AdminPassword;
        psi.Environment["Firebreak__SignInAttemptsPerMinute"] = "1000";
        psi.Environment["Firebreak__Notifications__AllowedHosts"] = RunningServer.ReceiverAllowedHosts;
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        var process = Process.Start(psi)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // A bound, not a wait: alone a child is ready in a few seconds, but a cold start compiling the whole program
            // beside the browser tests and three server-test classes on two cores took over a minute in CI.
            await Eventually.WaitForHttpOkAsync(new Uri(url, "/health/ready"), process, TimeSpan.FromSeconds(180), "firebreak");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ChildServer(process, url);
    }

    public async Task<HttpClient> AdminClientAsync()
    {
        var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = AdminPassword, tokenName = "test" });
        response.EnsureSuccessStatusCode();
        var body = await response.ReadJsonAsync();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", body.Str("secret"));
        return http;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush — what a power cut or OOM kill looks like to the process.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
