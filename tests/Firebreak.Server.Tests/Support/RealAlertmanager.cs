using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Firebreak.Server.Tests.Support;

/// <summary>Debian's prometheus-alertmanager on a loopback port, as a real client of Firebreak's intake.</summary>
public sealed class RealAlertmanager : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private RealAlertmanager(Process process, string dir, Uri url)
    {
        _process = process;
        _dir = dir;
        Url = url;
    }

    public Uri Url { get; }

    private static readonly string[] s_candidates = ["/usr/bin/prometheus-alertmanager", "/usr/bin/alertmanager"];

    public static string? Executable() => s_candidates.FirstOrDefault(File.Exists);

    public static async Task<RealAlertmanager> StartAsync(string config)
    {
        var exe = Executable() ?? throw new InvalidOperationException(
            "prometheus-alertmanager is not installed; scripts/test.sh installs it (apt-get install prometheus-alertmanager).");
        var dir = Directory.CreateTempSubdirectory("firebreak-am-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "alertmanager.yml"), config);
        var port = FreePort();
        var psi = new ProcessStartInfo(exe)
        {
            ArgumentList =
            {
                $"--config.file={Path.Combine(dir, "alertmanager.yml")}", $"--storage.path={Path.Combine(dir, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=warn",
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(psi)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var url = new Uri($"http://127.0.0.1:{port}");
        try
        {
            await Eventually.WaitForHttpOkAsync(new Uri(url, "/-/ready"), process, TimeSpan.FromSeconds(20), "alertmanager");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new RealAlertmanager(process, dir, url);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
