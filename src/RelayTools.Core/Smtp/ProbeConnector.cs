using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace RelayTools.Core.Smtp;

/// <summary>
/// Opens the probe's TCP connection: resolves the name, binds the chosen local address, tries each
/// address in turn. The probe owns the socket, so cancelling closes it and every pending read ends
/// at once on every .NET (netstandard2.0 socket calls do not all take a token).
/// </summary>
internal static class ProbeConnector
{
    /// <summary>Connects, or throws the last SocketException (or OperationCanceledException).</summary>
    public static async Task<Socket> ConnectAsync(string server, IPAddress? connectAddress, int port, IPAddress? localAddress, Action<IPAddress> trying, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = connectAddress is not null ? [connectAddress] : await ResolveAsync(server, cancellationToken).ConfigureAwait(false);
        if (localAddress is not null)
        {
            addresses = Array.FindAll(addresses, a => a.AddressFamily == localAddress.AddressFamily);
            if (addresses.Length == 0)
            {
                throw new SocketException((int)SocketError.AddressFamilyNotSupported);
            }
        }

        SocketException? last = null;
        foreach (IPAddress address in addresses)
        {
            cancellationToken.ThrowIfCancellationRequested();
            trying(address);
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                if (localAddress is not null)
                {
                    socket.Bind(new IPEndPoint(localAddress, 0));
                }

                using (cancellationToken.Register(() => socket.Dispose()))
                {
                    await socket.ConnectAsync(new IPEndPoint(address, port)).ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                last = ex;
            }
            catch (ObjectDisposedException)
            {
                socket.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                throw;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static async Task<IPAddress[]> ResolveAsync(string server, CancellationToken cancellationToken)
    {
        string host = server.Trim('[', ']');
        if (IPAddress.TryParse(host, out IPAddress? literal))
        {
            return [literal];
        }

        Task<IPAddress[]> lookup = System.Net.Dns.GetHostAddressesAsync(host);
        var cancelled = new TaskCompletionSource<bool>();
        using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
        {
            if (await Task.WhenAny(lookup, cancelled.Task).ConfigureAwait(false) != lookup)
            {
                _ = lookup.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        IPAddress[] addresses = await lookup.ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        return addresses;
    }
}
