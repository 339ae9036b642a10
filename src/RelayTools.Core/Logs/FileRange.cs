using System;
using System.Collections.Generic;
using System.IO;

namespace RelayTools.Core.Logs;

/// <summary>A byte range of a file that starts and ends at line boundaries, so it can be scanned on its own.</summary>
internal readonly struct FileRange
{
    public FileRange(long start, long end)
    {
        Start = start;
        End = end;
    }

    /// <summary>The offset of its first byte (the start of a line).</summary>
    public long Start { get; }

    /// <summary>The offset after its last byte (after a line break, or the end of the file).</summary>
    public long End { get; }

    /// <summary>
    /// Cuts <paramref name="length"/> bytes of <paramref name="file"/> into ranges of about
    /// <paramref name="size"/> bytes, each ending after the first line break at or past its nominal end.
    /// </summary>
    public static List<FileRange> Split(FileStream file, long length, long size)
    {
        var ranges = new List<FileRange>();
        var probe = new byte[64 << 10];
        long start = 0;
        while (start < length)
        {
            long end = start + size >= length ? length : NextLineStart(file, start + size, length, probe);
            ranges.Add(new FileRange(start, end));
            start = end;
        }
        return ranges;
    }

    // The offset after the first '\n' at or after from (the file's length when there is none).
    private static long NextLineStart(FileStream file, long from, long length, byte[] probe)
    {
        file.Position = from;
        long position = from;
        while (position < length)
        {
            int n = file.Read(probe, 0, (int)Math.Min(probe.Length, length - position));
            if (n <= 0) break;
            int newline = Array.IndexOf(probe, (byte)'\n', 0, n);
            if (newline >= 0) return position + newline + 1;
            position += n;
        }
        return length;
    }
}
