using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Firebreak.Server.Tests.Support;

/// <summary>
/// Debian's nginx on a loopback port in front of a Firebreak server, configured as docs/reverse-proxy.md says, except
/// that it speaks plain HTTP and claims <c>X-Forwarded-Proto: https</c>, as a proxy terminating TLS would. It connects
/// to Firebreak from <see cref="ProxyAddress"/>, so Firebreak can tell it from clients connecting directly.
/// </summary>
public sealed class RealNginx : IAsyncDisposable
{
    /// <summary>nginx's side of its connections to Firebreak (another loopback address, as a proxy host would have).</summary>
    public const string ProxyAddress = "127.0.0.2";

    private static readonly string[] s_candidates = ["/usr/sbin/nginx", "/usr/bin/nginx"];
    private readonly Process _process;
    private readonly string _dir;

    private RealNginx(Process process, string dir, Uri url)
    {
        _process = process;
        _dir = dir;
        Url = url;
    }

    public Uri Url { get; }

    public static string? Executable() => s_candidates.FirstOrDefault(File.Exists);

    public static async Task<RealNginx> StartAsync(Uri upstream)
    {
        var exe = Executable() ?? throw new InvalidOperationException("nginx is not installed; scripts/test.sh installs it (apt-get install nginx).");
        var dir = Directory.CreateTempSubdirectory("firebreak-nginx-").FullName;
        var port = FreePort();
        // Single process in the foreground, every path under the temp prefix: nothing of the system's nginx is touched.
        await File.WriteAllTextAsync(Path.Combine(dir, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 128; }
            http {
                access_log off;
                client_body_temp_path {{dir}}/body;
                proxy_temp_path {{dir}}/proxy;
                fastcgi_temp_path {{dir}}/fastcgi;
                uwsgi_temp_path {{dir}}/uwsgi;
                scgi_temp_path {{dir}}/scgi;
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass {{upstream.GetLeftPart(UriPartial.Authority)}};
                        proxy_bind {{ProxyAddress}};
                        proxy_http_version 1.1;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto https;
                        proxy_set_header X-Forwarded-Host $host;
                    }
                }
            }
            """);
        var psi = new ProcessStartInfo(exe)
        {
            ArgumentList = { "-p", dir, "-c", Path.Combine(dir, "nginx.conf"), "-e", Path.Combine(dir, "error.log") },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(psi)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var url = new Uri($"http://127.0.0.1:{port}");
        try
        {
            await Eventually.WaitForHttpOkAsync(new Uri(url, "/health/live"), process, TimeSpan.FromSeconds(20), "nginx");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new RealNginx(process, dir, url);
    }

    /// <summary>A client whose connections come from <paramref name="localAddress"/>: one more person on the internet.</summary>
    public static HttpClient ClientFrom(string localAddress, Uri baseAddress) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

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
