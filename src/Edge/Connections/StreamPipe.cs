using System.IO.Pipelines;

namespace Warden.Edge.Connections;

/// <summary>Pipes over a stream (a TLS session, an upstream socket).</summary>
internal sealed class StreamPipe(Stream stream) : IDuplexPipe
{
    public PipeReader Input { get; } = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));

    public PipeWriter Output { get; } = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
}
