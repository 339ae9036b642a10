using System;
using System.IO;
using System.Text;

namespace RelayTools.Core.Logs;

/// <summary>
/// A read-only stream that first hands back bytes already read from another stream (to look at the
/// start of a log, which may be a non-seekable gzip stream), then reads on from that stream.
/// </summary>
internal sealed class PeekedStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _head;
    private readonly int _headLength;
    private int _headPosition;

    private PeekedStream(Stream inner, byte[] head, int headLength)
    {
        _inner = inner;
        _head = head;
        _headLength = headLength;
    }

    /// <summary>Reads up to <paramref name="size"/> bytes of <paramref name="inner"/> and returns them with a stream that replays them.</summary>
    public static PeekedStream Peek(Stream inner, int size, out string firstLine)
    {
        var head = new byte[size];
        int n = 0;
        while (n < size)
        {
            int r = inner.Read(head, n, size - n);
            if (r <= 0) break;
            n += r;
            if (FirstLine(head, n, out _)) break;
        }
        FirstLine(head, n, out firstLine);
        return new PeekedStream(inner, head, n);
    }

    // The first non-blank line of head[0..length) (possibly cut short); true when it is complete.
    private static bool FirstLine(byte[] head, int length, out string line)
    {
        int start = 0;
        while (start < length && (head[start] == '\n' || head[start] == '\r' || head[start] == ' ' || head[start] == '\t')) start++;
        int end = Array.IndexOf(head, (byte)'\n', start, length - start);
        bool complete = end >= 0;
        if (end < 0) end = length;
        line = Encoding.UTF8.GetString(head, start, end - start).TrimEnd('\r');
        return complete;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_headPosition < _headLength)
        {
            int n = Math.Min(count, _headLength - _headPosition);
            Buffer.BlockCopy(_head, _headPosition, buffer, offset, n);
            _headPosition += n;
            return n;
        }
        return _inner.Read(buffer, offset, count);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
