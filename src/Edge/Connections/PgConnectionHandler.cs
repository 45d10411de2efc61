using Microsoft.AspNetCore.Connections;

namespace Warden.Edge.Connections;

/// <summary>Kestrel hands every accepted PostgreSQL connection here; each runs as one <see cref="ClientConnection"/>.</summary>
internal sealed class PgConnectionHandler(EdgeContext edge) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection) =>
        new ClientConnection(connection, edge).RunAsync();
}
