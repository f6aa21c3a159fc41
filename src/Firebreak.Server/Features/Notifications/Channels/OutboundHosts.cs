using System.Net;
using System.Net.Sockets;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>Raised while connecting to a destination the outbound rules refuse; a send that meets it is not retried.</summary>
public sealed class OutboundRefusedException(string message) : Exception(message);

/// <summary>
/// Where webhook and chat contact methods may send. Anyone signed in can enter a webhook URL, so without a rule the
/// server would POST wherever they point it, including services only it can reach. <c>Firebreak:Notifications:AllowedHosts</c>
/// lists host names (<c>hooks.slack.com</c>), wildcards (<c>*.example.com</c>), addresses and CIDR ranges
/// (<c>10.1.0.0/16</c>); with a list, nothing else is reached. Without one, everything is, except link-local addresses
/// (<c>169.254.0.0/16</c>, <c>fe80::/10</c>), where cloud metadata services live, unless listed. Addresses are checked
/// after DNS resolution, on every connection, so a name cannot be re-pointed at a refused address later.
/// </summary>
public sealed class OutboundHosts
{
    public const string ConfigKey = "Firebreak:Notifications:AllowedHosts";

    private readonly List<string> _names = [];
    private readonly List<(IPAddress Network, int Prefix)> _ranges = [];

    public OutboundHosts(string? allowed)
    {
        foreach (var entry in (allowed ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TryRange(entry, out var range))
            {
                _ranges.Add(range);
            }
            else
            {
                _names.Add(entry.ToLowerInvariant());
            }
        }
    }

    /// <summary>Whether a list is configured; without one only link-local addresses are refused.</summary>
    public bool Restricted => _names.Count > 0 || _ranges.Count > 0;

    public static OutboundHosts FromConfiguration(IConfiguration configuration) => new(configuration[ConfigKey]);

    /// <summary>Why a contact method may not send to <paramref name="url"/>, judged on its host alone; null if it may.</summary>
    public string? Problem(Uri url)
    {
        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address))
        {
            return Allows(url.Host, address) ? null : Refusal(url.Host);
        }

        return !Restricted || NameListed(url.Host) ? null : Refusal(url.Host);
    }

    /// <summary>Whether a connection for <paramref name="host"/> may go to <paramref name="address"/>.</summary>
    public bool Allows(string host, IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (_ranges.Any(r => InRange(address, r)))
        {
            return true;
        }

        if (IsLinkLocal(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        return !Restricted || NameListed(host);
    }

    /// <summary>Resolves and connects to the first address the rules allow (the HTTP client's connect step).</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => Allows(host, a)).ToList();
        if (allowed.Count == 0)
        {
            throw new OutboundRefusedException(Refusal(host));
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. allowed], context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Refusal(string host) =>
        $"{host} is not an allowed destination for notifications (an admin can allow it in {ConfigKey})";

    private bool NameListed(string host)
    {
        host = host.ToLowerInvariant();
        return _names.Any(n => n == host || (n.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(n[1..], StringComparison.Ordinal)));
    }

    private static bool IsLinkLocal(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork
        ? address.GetAddressBytes() is [169, 254, ..]
        : address.IsIPv6LinkLocal;

    private static bool TryRange(string entry, out (IPAddress, int) range)
    {
        var parts = entry.Split('/');
        range = default;
        if (!IPAddress.TryParse(parts[0], out var network))
        {
            return false;
        }

        var max = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (parts.Length > 2 || (parts.Length == 2 && (!int.TryParse(parts[1], out prefix) || prefix < 0 || prefix > max)))
        {
            return false;
        }

        range = (network, prefix);
        return true;
    }

    private static bool InRange(IPAddress address, (IPAddress Network, int Prefix) range)
    {
        if (address.AddressFamily != range.Network.AddressFamily)
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = range.Network.GetAddressBytes();
        var bits = range.Prefix;
        for (var i = 0; bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (n[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
