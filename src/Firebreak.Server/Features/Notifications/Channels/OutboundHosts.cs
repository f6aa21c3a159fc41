using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>Raised while connecting to a destination the outbound rules refuse; a send that meets it is not retried.</summary>
public sealed class OutboundRefusedException(string message) : Exception(message);

/// <summary>
/// Where webhook and chat contact methods may send. Anyone signed in, a viewer too, can enter a webhook URL, so without
/// rules the server would POST wherever they point it, including services only it can reach, and tell them how each
/// answered. <c>Firebreak:Notifications:AllowedHosts</c> lists host names (<c>hooks.slack.com</c>), wildcards
/// (<c>*.example.com</c>), <c>*</c> (any name and any public address), addresses and CIDR ranges (<c>10.1.0.0/16</c>).
/// Unset, it is <c>*</c>. A name is reached only when listed (or <c>*</c>); an address only when public or inside a listed
/// range: loopback, private, carrier-grade NAT, link-local (cloud metadata), multicast, unspecified and reserved
/// addresses are refused unless an admin lists them, in every spelling (<c>127.1</c>, <c>0x7f000001</c>,
/// <c>[::ffff:127.0.0.1]</c>, <c>localhost.</c>). Hosts are read with <see cref="Uri"/>, the parser the HTTP client
/// connects with, and addresses are judged again after DNS, on every connection, on the very addresses connected to, so
/// a name cannot be re-pointed at a refused address later.
/// </summary>
public sealed class OutboundHosts
{
    public const string ConfigKey = "Firebreak:Notifications:AllowedHosts";

    private static readonly IPNetwork[] s_internal =
    [
        IPNetwork.Parse("0.0.0.0/8"),       // "this network"; 0.0.0.0 reaches the local host
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),   // carrier-grade NAT, often internal
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),  // link-local: cloud metadata services
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("224.0.0.0/4"),     // multicast
        IPNetwork.Parse("240.0.0.0/4"),     // reserved, and the broadcast address
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("fc00::/7"),        // unique local
        IPNetwork.Parse("fe80::/10"),       // link-local
        IPNetwork.Parse("fec0::/10"),       // site-local (deprecated, still routed by some)
        IPNetwork.Parse("ff00::/8"),        // multicast
    ];

    private static readonly IPAddress[] s_loopback = [IPAddress.Loopback, IPAddress.IPv6Loopback];
    private static readonly IPNetwork s_nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork s_compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork s_sixToFour = IPNetwork.Parse("2002::/16");

    private readonly List<string> _names = [];
    private readonly List<IPNetwork> _ranges = [];
    private readonly bool _anyName;

    public OutboundHosts(string? allowed)
    {
        var entries = (allowed ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        _anyName = entries.Length == 0;
        foreach (var entry in entries)
        {
            if (entry == "*")
            {
                _anyName = true;
            }
            else if (TryRange(entry, out var range))
            {
                _ranges.Add(range);
            }
            else if (NamePattern(entry) is { } name)
            {
                _names.Add(name);
            }
            else
            {
                throw new InvalidOperationException(
                    $"{ConfigKey}: '{entry}' is not a host name (hooks.example.com, *.example.com), '*', an address or a CIDR range (10.1.0.0/16).");
            }
        }
    }

    /// <summary>Where a demo's notifications may go when nothing is configured: anywhere public, and this machine.</summary>
    public const string DemoAllowedHosts = "*, 127.0.0.0/8, ::1";

    /// <summary>The configured rules; a demo without any also reaches this machine, where a receiver to try paging with listens.</summary>
    public static OutboundHosts FromConfiguration(IConfiguration configuration) =>
        new(configuration[ConfigKey] ?? (configuration.GetValue<bool>(ServerOptions.DemoKey) ? DemoAllowedHosts : null));

    /// <summary>
    /// Why a contact method may not send to <paramref name="url"/>, judged without DNS (its addresses are judged when
    /// connecting); null if it may. No lookup here: a saved name proves nothing about what it resolves to later, and
    /// answering "that name is internal" would let anyone map the internal DNS.
    /// </summary>
    public string? Problem(Uri url)
    {
        var host = Normalize(url.IdnHost);
        if (IPAddress.TryParse(host, out var literal))
        {
            return AllowsLiteral(literal) ? null : Refusal(url.Host, IsInternal(literal) ? "it is not a public address" : null);
        }

        if (IsLocalhost(host))
        {
            return NameAllowed(host) && s_loopback.Any(AddressAllowed) ? null : Refusal(url.Host, "it is this server");
        }

        return NameAllowed(host) ? null : Refusal(url.Host);
    }

    /// <summary>Whether a connection for <paramref name="host"/> may go to <paramref name="address"/>.</summary>
    public bool Allows(string host, IPAddress address)
    {
        host = Normalize(host);
        return IPAddress.TryParse(host, out _) ? AllowsLiteral(address) : NameAllowed(host) && AddressAllowed(address);
    }

    /// <summary>Resolves and connects to the first address the rules allow (the HTTP client's connect step).</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = Normalize(context.DnsEndPoint.Host);
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else if (!NameAllowed(host))
        {
            throw new OutboundRefusedException(Refusal(context.DnsEndPoint.Host));
        }
        else
        {
            // RFC 6761: localhost names are this machine whatever a resolver says.
            addresses = IsLocalhost(host) ? s_loopback : await Dns.GetHostAddressesAsync(host, ct);
        }

        var allowed = addresses.Where(a => Allows(host, a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new OutboundRefusedException(Refusal(context.DnsEndPoint.Host));
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="address"/> (or the IPv4 address it carries) is not on the public internet.</summary>
    public static bool IsInternal(IPAddress address) =>
        s_internal.Any(n => n.Contains(address)) || (Embedded(address) is { } v4 && s_internal.Any(n => n.Contains(v4)));

    private static string Refusal(string host, string? why = null) =>
        $"{host} is not an allowed destination for notifications{(why is null ? "" : $": {why}")} (an admin can allow it in {ConfigKey})";

    private bool AllowsLiteral(IPAddress address) => InListedRange(address) || (_anyName && !IsInternal(address));

    private bool AddressAllowed(IPAddress address) => InListedRange(address) || !IsInternal(address);

    private bool InListedRange(IPAddress address) =>
        _ranges.Any(r => r.Contains(address) || (Embedded(address) is { } v4 && r.Contains(v4)));

    private bool NameAllowed(string host) =>
        _anyName || _names.Any(n => n == host || (n.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(n[1..], StringComparison.Ordinal)));

    /// <summary>The IPv4 address an IPv6 address stands for when a connection to it reaches IPv4 (mapped, compatible, NAT64, 6to4).</summary>
    private static IPAddress? Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return s_compatible.Contains(address) || s_nat64.Contains(address) ? new IPAddress(bytes.AsSpan(12, 4))
            : s_sixToFour.Contains(address) ? new IPAddress(bytes.AsSpan(2, 4))
            : null;
    }

    /// <summary>A host as the HTTP client connects to it: IDN in ASCII, no brackets, no trailing dot, lower case.</summary>
    private static string Normalize(string host) => host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();

    private static bool IsLocalhost(string host) => host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal);

    private static string? NamePattern(string entry)
    {
        var wildcard = entry.StartsWith("*.", StringComparison.Ordinal);
        var name = wildcard ? entry[2..] : entry;
        if (!name.All(c => c < 128) && Uri.TryCreate($"http://{name}/", UriKind.Absolute, out var idn))
        {
            name = idn.IdnHost;
        }

        name = Normalize(name);
        return Uri.CheckHostName(name) == UriHostNameType.Dns ? (wildcard ? "*." : "") + name : null;
    }

    private static bool TryRange(string entry, out IPNetwork range)
    {
        range = default;
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse((slash < 0 ? entry : entry[..slash]).Trim('[', ']'), out var address))
        {
            return false;
        }

        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (slash >= 0 && (!int.TryParse(entry[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > max))
        {
            throw new InvalidOperationException($"{ConfigKey}: '{entry}' is not a CIDR range (address/0-{max}).");
        }

        // Host bits are cleared rather than refused: "10.1.2.3/16" plainly means 10.1.0.0/16.
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < max; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        range = new IPNetwork(new IPAddress(bytes), prefix);
        return true;
    }
}
