using System;
using System.IO;

namespace RelayTools.Core.Logs;

/// <summary>A read-only stream over one <see cref="FileRange"/> of a file stream it owns.</summary>
internal sealed class FileRangeStream : Stream
{
    private readonly FileStream _file;
    private readonly long _end;
    private long _position;

    public FileRangeStream(FileStream file, FileRange range)
    {
        _file = file;
        _end = range.End;
        _position = range.Start;
        _file.Position = range.Start;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = (int)Math.Min(count, _end - _position);
        if (n <= 0) return 0;
        n = _file.Read(buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose();
        base.Dispose(disposing);
    }
}
