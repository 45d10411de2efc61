using System.Buffers;
using System.IO.Pipelines;
using Warden.Protocol;
using Warden.Protocol.Framing;

namespace Warden.Edge.Connections;

/// <summary>A message copied out of a pipe, for the low-volume startup and login phases.</summary>
internal readonly record struct OwnedFrame(byte Type, byte[] Payload)
{
    public ReadOnlySequence<byte> PayloadSequence => new(Payload);
}

/// <summary>Frame-at-a-time reads for the startup and login phases. The relay does not use this: it batches.</summary>
internal static class PipeFrames
{
    /// <summary>The next typed message, or null at a clean end of stream between messages.</summary>
    public static async ValueTask<OwnedFrame?> ReadFrameAsync(PipeReader reader, int maxPayload, CancellationToken ct)
    {
        while (true)
        {
            var result = await reader.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (FrameReader.TryReadFrame(ref buffer, maxPayload, out var frame))
            {
                var owned = new OwnedFrame(frame.Type, frame.Payload.ToArray());
                reader.AdvanceTo(buffer.Start);
                return owned;
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                var partial = !buffer.IsEmpty;
                reader.AdvanceTo(buffer.Start, buffer.End);
                return partial ? throw ProtocolException.Malformed("connection closed in the middle of a message") : null;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>The next untyped startup-phase packet body, or null at a clean end of stream.</summary>
    public static async ValueTask<byte[]?> ReadStartupPacketAsync(PipeReader reader, CancellationToken ct)
    {
        while (true)
        {
            var result = await reader.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (FrameReader.TryReadStartupPacket(ref buffer, Protocol.Messages.StartupCodes.MaxStartupPacketLength, out var body))
            {
                var owned = body.ToArray();
                reader.AdvanceTo(buffer.Start);
                return owned;
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                var partial = !buffer.IsEmpty;
                reader.AdvanceTo(buffer.Start, buffer.End);
                return partial ? throw ProtocolException.Malformed("connection closed in the middle of the startup packet") : null;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
