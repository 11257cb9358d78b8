using System.Net.Sockets;
using Grpc.Net.Client;

namespace EdTech.LocalHost.Durable;

/// <summary>
/// The gRPC channel to the sidecar's Unix socket, shared by the worker and the client. A DI singleton
/// so the container disposes it after the worker has stopped.
/// </summary>
public sealed class DurableSidecarChannel : IDisposable
{
    public DurableSidecarChannel(LocalDurableEngineOptions options)
    {
        var socketPath = options.SocketPath;
        var handler = new SocketsHttpHandler
        {
            // Long-poll waits and the worker's work-item stream share the channel; spill over rather than queue.
            EnableMultipleHttp2Connections = true,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

        // The authority is never resolved (the connect callback dials the socket); it only makes the URI valid.
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = null,
        });
    }

    public GrpcChannel Channel { get; }

    public void Dispose() => Channel.Dispose();
}
