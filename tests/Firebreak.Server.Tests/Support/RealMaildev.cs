using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Firebreak.Server.Tests.Support;

/// <summary>
/// The maildev npm package (pinned in tools/maildev, installed by scripts/test.sh) as a real SMTP server on loopback
/// ports; its REST API (<c>GET /email</c>) shows what arrived.
/// </summary>
public sealed class RealMaildev : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;
    private readonly HttpClient _web;

    private RealMaildev(Process process, string dir, int smtpPort, Uri webUrl)
    {
        _process = process;
        _dir = dir;
        SmtpPort = smtpPort;
        _web = new HttpClient { BaseAddress = webUrl, Timeout = TimeSpan.FromSeconds(5) };
    }

    public int SmtpPort { get; }

    public static string Executable() => Path.Combine(ChildServer.RepoRoot(), "tools", "maildev", "node_modules", ".bin", "maildev");

    public static async Task<RealMaildev> StartAsync()
    {
        var exe = Executable();
        if (!File.Exists(exe))
        {
            throw new InvalidOperationException(
                "maildev is not installed; scripts/test.sh installs it (npm install --prefix tools/maildev).");
        }

        var dir = Directory.CreateTempSubdirectory("firebreak-maildev-").FullName;
        var (smtpPort, webPort) = (FreePort(), FreePort());
        var psi = new ProcessStartInfo(exe)
        {
            ArgumentList =
            {
                "--smtp", smtpPort.ToString(CultureInfo.InvariantCulture), "--web", webPort.ToString(CultureInfo.InvariantCulture),
                "--ip", "127.0.0.1", "--mail-directory", dir, "--silent",
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(psi)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var webUrl = new Uri($"http://127.0.0.1:{webPort}");
        try
        {
            await Eventually.WaitForHttpOkAsync(new Uri(webUrl, "/healthz"), process, TimeSpan.FromSeconds(60), "maildev web");
            await Eventually.WaitForAsync(() => AcceptsAsync(smtpPort), up => up, TimeSpan.FromSeconds(5), "maildev SMTP");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            Directory.Delete(dir, recursive: true);
            throw;
        }

        return new RealMaildev(process, dir, smtpPort, webUrl);
    }

    /// <summary>Every message whose envelope was addressed to <paramref name="address"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> MessagesToAsync(string address)
    {
        using var response = await _web.GetAsync("/email");
        response.EnsureSuccessStatusCode();
        var all = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return [.. all.EnumerateArray().Where(m => m.GetProperty("envelope").GetProperty("to").EnumerateArray()
            .Any(t => string.Equals(t.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>
    /// maildev answers 250 as the data ends but files the message when its parser finishes, a moment later; so this
    /// polls, bounded, for what an accepted send must produce.
    /// </summary>
    public Task<IReadOnlyList<JsonElement>> WaitForMessagesToAsync(string address, int count = 1) =>
        Eventually.WaitForAsync(() => MessagesToAsync(address), m => m.Count >= count, TimeSpan.FromSeconds(10), $"{count} message(s) to {address}");

    public async ValueTask DisposeAsync()
    {
        _web.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
