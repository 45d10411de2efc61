using System.Buffers.Binary;
using System.Text;
using Warden.Edge.Connections;
using Warden.Protocol.Messages;

namespace Warden.Edge.Upstream;

/// <summary>
/// Reads the upstream session's search_path once after login, for rules with objects entries: unqualified
/// names resolve against it, and it can come from the role's or database's settings (ALTER ROLE ... SET), the
/// startup packet or the server's configuration, so only the server knows it.
/// </summary>
internal sealed partial class UpstreamConnection
{
    private const int MaxSearchPathReply = 64 * 1024;

    /// <summary>Runs <c>SHOW search_path</c> and reads its reply up to ReadyForQuery; null if the server refused it.</summary>
    public async Task<string?> ReadSearchPathAsync(CancellationToken ct)
    {
        QueryMessage.Write(Pipe.Output, "SHOW search_path");
        await Pipe.Output.FlushAsync(ct).ConfigureAwait(false);
        string? value = null;
        while (true)
        {
            var frame = await PipeFrames.ReadFrameAsync(Pipe.Input, MaxSearchPathReply, ct).ConfigureAwait(false)
                ?? throw new UpstreamLoginException("upstream closed the connection while reporting its search_path");
            switch (frame.Type)
            {
                case BackendMessageType.DataRow:
                    value = FirstColumnText(frame.Payload);
                    break;
                case BackendMessageType.ParameterStatus:
                    ParameterStatuses.Add(BackendMessages.ParseParameterStatus(frame.PayloadSequence));
                    break;
                case BackendMessageType.ErrorResponse:
                    value = null;
                    break;
                case BackendMessageType.ReadyForQuery:
                    return value;
                default:
                    break; // RowDescription, CommandComplete, NoticeResponse
            }
        }
    }

    /// <summary>
    /// DataRow: Int16 column count, then per column Int32 length (-1 for NULL) and that many bytes.
    /// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-DATAROW
    /// </summary>
    private static string? FirstColumnText(byte[] payload)
    {
        if (payload.Length < 6 || BinaryPrimitives.ReadInt16BigEndian(payload) < 1)
        {
            return null;
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(2));
        return length < 0 || length > payload.Length - 6 ? null : Encoding.UTF8.GetString(payload, 6, length);
    }
}
