using System.Net;
using System.Net.Sockets;

namespace MlConnector.Sms;

/// <summary>Whether an address can be reached from the internet: not private (RFC 1918, IPv6 unique local), loopback,
/// link-local, carrier-grade NAT, unspecified, multicast or reserved.</summary>
public static class PublicAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10                                  // 10.0.0.0/8
            || b[0] == 0                                     // 0.0.0.0/8 ("this network")
            || (b[0] == 172 && (b[1] & 0xF0) == 16)          // 172.16.0.0/12
            || (b[0] == 192 && b[1] == 168)                  // 192.168.0.0/16
            || (b[0] == 169 && b[1] == 254)                  // 169.254.0.0/16 link-local
            || (b[0] == 100 && (b[1] & 0xC0) == 64)          // 100.64.0.0/10 carrier-grade NAT
            || b[0] >= 224);                                 // multicast and reserved
    }
}
