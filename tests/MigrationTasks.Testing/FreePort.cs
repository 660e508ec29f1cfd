using System.Net;
using System.Net.Sockets;

namespace MigrationTasks.Testing;

/// <summary>Picks a TCP port on 127.0.0.1 that is free right now.</summary>
public static class FreePort
{
    // The port is released before the caller binds it, so a race with another process is
    // possible; ThrowawayCluster retries with a new port when it chose the port itself.
    public static int Reserve()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
