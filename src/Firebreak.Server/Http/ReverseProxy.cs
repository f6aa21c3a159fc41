using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Firebreak.Server.Http;

/// <summary>
/// Running behind a reverse proxy that terminates TLS. <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> are believed
/// only from the hops in <c>Firebreak:Proxy:KnownProxies</c> (addresses) and <c>Firebreak:Proxy:KnownNetworks</c> (CIDR
/// ranges), comma-separated; unset, ASP.NET Core's default holds: a proxy on this machine (127.0.0.0/8, ::1), since
/// whatever connects from loopback already runs on the server. From anyone else they are ignored, so a client can neither
/// fake https nor claim another address to get a fresh sign-in allowance. Once believed, the request's scheme, host and
/// client address are the browser's: the session cookie is Secure over https and the sign-in limit counts per client.
/// With an https <c>Firebreak:PublicUrl</c>, browsers are told to use https only (HSTS).
/// </summary>
public static class ReverseProxy
{
    public const string KnownProxiesKey = "Firebreak:Proxy:KnownProxies";
    public const string KnownNetworksKey = "Firebreak:Proxy:KnownNetworks";
    public const string PublicUrlKey = "Firebreak:PublicUrl";

    public static IServiceCollection AddBehindProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Entries(configuration[KnownProxiesKey]).Select(e => IPAddress.TryParse(e, out var a) ? a
            : throw new InvalidOperationException($"{KnownProxiesKey}: '{e}' is not an IP address.")).ToList();
        var networks = Entries(configuration[KnownNetworksKey]).Select(e => IPNetwork.TryParse(e, out var n) ? n
            : throw new InvalidOperationException($"{KnownNetworksKey}: '{e}' is not a CIDR range such as 10.0.0.0/8.")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // No hop count: each address from the right is used only while the one before it is a trusted proxy, so a
            // chain of trusted proxies works and the first untrusted address is the client, whatever it wrote further left.
            o.ForwardLimit = null;
            if (proxies.Count > 0 || networks.Count > 0)
            {
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                foreach (var proxy in proxies)
                {
                    o.KnownProxies.Add(proxy);
                }

                foreach (var network in networks)
                {
                    o.KnownIPNetworks.Add(network);
                }
            }
        });
        // A year, this host only: Firebreak does not speak for sibling subdomains.
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>First in the pipeline, so everything after it sees the browser's scheme, host and address.</summary>
    public static WebApplication UseBehindProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (Uri.TryCreate(app.Configuration[PublicUrlKey], UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps)
        {
            app.UseHsts();
        }

        return app;
    }

    /// <summary>
    /// Whom a per-client limit counts: the client's address, or its /64 for IPv6, since one IPv6 subscriber usually
    /// holds a whole /64 and could otherwise take a new address for every few guesses.
    /// </summary>
    public static string ClientKey(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? new IPNetwork(Prefix64(address), 64).ToString() : address.ToString();
    }

    private static IPAddress Prefix64(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    private static string[] Entries(string? value) =>
        (value ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
