namespace MlConnector.Sms;

/// <summary>
/// The Twilio client's connections, seen from above TLS: the first write of a request is the moment it goes out, after
/// any wait for a connection (a burst opens new ones: TCP and TLS handshakes, some 100 ms to Twilio) and after the
/// SDK's own work. The send rate counts a request's slot from then (<see cref="CreateRequestWatch.OnWire"/>): counted
/// from before, a burst's first requests reached Twilio later than counted and the next second's first ones arrived
/// inside the same one-second window, and Twilio answered 429. Hand-written: .NET has no public pass-through stream and
/// no per-request "sent" event (its HttpClient metrics count connections, not when a request's bytes leave).
/// </summary>
internal sealed class OnWireStream(Stream inner) : Stream
{
    /// <summary>For <see cref="SocketsHttpHandler.PlaintextStreamFilter"/>.</summary>
    public static ValueTask<Stream> Wrap(SocketsHttpPlaintextStreamFilterContext context, CancellationToken _) =>
        ValueTask.FromResult<Stream>(new OnWireStream(context.PlaintextStream));

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => inner.Read(buffer);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count)
    {
        CreateRequestWatch.OnWire();
        inner.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CreateRequestWatch.OnWire();
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        CreateRequestWatch.OnWire();
        return inner.WriteAsync(buffer, offset, count, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        CreateRequestWatch.OnWire();
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
