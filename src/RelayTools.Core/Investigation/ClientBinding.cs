using System.Net;
using System.Net.Sockets;

namespace RelayTools.Core.Investigation;

/// <summary>Whether this host can send from an address: binding a socket to it is the test the operating system itself applies.</summary>
public static class ClientBinding
{
    /// <summary>True when a TCP socket can be bound to <paramref name="address"/> (any port).</summary>
    public static bool CanBind(IPAddress address)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
