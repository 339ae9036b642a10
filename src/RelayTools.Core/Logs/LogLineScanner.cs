using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace RelayTools.Core.Logs;

/// <summary>A line the scanner found worth parsing, with its 1-based line number.</summary>
public readonly struct CandidateLine
{
    /// <summary>Creates a candidate.</summary>
    public CandidateLine(string text, long lineNumber)
    {
        Text = text;
        LineNumber = lineNumber;
    }

    /// <summary>The decoded line (UTF-8; invalid bytes become U+FFFD), without its line break.</summary>
    public string Text { get; }

    /// <summary>The 1-based line number in the stream.</summary>
    public long LineNumber { get; }
}

/// <summary>
/// The fast path of Get-RelayRejection: reads a stream in 128 KiB chunks (into a block that holds the
/// longest line) and searches the bytes (vectorised IndexOf) for the anchors the log formats declare
/// (<see cref="LogLineFormat.Anchors"/>: <c>Relay access denied</c>, <c>relay not permitted</c>,
/// <c>Relaying denied</c>, <c>Relay attempt from</c>...; with auth failures also their auth wordings).
/// Only the lines around a hit are decoded; the others are merely counted. Memory stays at one block
/// whatever the stream size. Lines longer than the block are skipped (counted, never parsed); a last
/// line without a line break is read. An Exchange CSV log (recognised by its header,
/// <see cref="ExchangeReceiveLogParser.HeaderSignatures"/>) or <c>allLines</c> yields every line instead.
/// </summary>
public sealed class LogLineScanner
{
    /// <summary>The default block size: 4 MiB, so lines of 1 MiB and more are read whole.</summary>
    public const int DefaultBlockSize = 4 << 20;

    private const int ReadSize = 128 << 10;

    private const MethodImplOptions Hot = JitHints.Hot;

    private static readonly byte[][] ExchangeHeaders = ExchangeHeaderBytes();

    private readonly AnchorNeedle[] _needles;
    private readonly int _blockSize;
    private byte[]? _block;

    /// <summary>Creates a scanner for the anchors of every declared format.</summary>
    /// <param name="includeAuthFailures">Also find SASL authentication failures.</param>
    /// <param name="allLines">Yield every line (for formats that need them all, such as Exchange).</param>
    /// <param name="blockSize">The read block size; the longest line read whole.</param>
    public LogLineScanner(bool includeAuthFailures, bool allLines = false, int blockSize = DefaultBlockSize)
        : this(LogFormats.AnchorsFor(LogFormat.Auto, includeAuthFailures), allLines, blockSize)
    {
    }

    /// <summary>Creates a scanner for <paramref name="anchors"/>.</summary>
    /// <param name="anchors">The wordings whose lines are candidates (<see cref="LogFormats.AnchorsFor"/>).</param>
    /// <param name="allLines">Yield every line (for formats that need them all, such as Exchange).</param>
    /// <param name="blockSize">The read block size; the longest line read whole.</param>
    public LogLineScanner(IReadOnlyList<LogAnchor> anchors, bool allLines = false, int blockSize = DefaultBlockSize)
    {
        if (anchors is null) throw new ArgumentNullException(nameof(anchors));
        if (blockSize < 64) throw new ArgumentOutOfRangeException(nameof(blockSize));
        _needles = AnchorNeedle.Cover(anchors);
        AllLines = allLines;
        _blockSize = blockSize;
    }

    /// <summary>Whether the first bytes are checked for an Exchange header (not for a range in the middle of a file).</summary>
    public bool DetectsExchangeHeader { get; set; } = true;

    /// <summary>How many lines the last finished <see cref="Scan"/> counted.</summary>
    public long LinesRead { get; private set; }

    /// <summary>Whether every line is yielded (set, or detected from an Exchange log header).</summary>
    public bool AllLines { get; private set; }

    /// <summary>Reads <paramref name="stream"/> to its end and yields the candidate lines in order.</summary>
    /// <param name="stream">The log (already decompressed).</param>
    /// <param name="afterRead">Called after each block read, for progress reports.</param>
    public IEnumerable<CandidateLine> Scan(Stream stream, Action? afterRead = null)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        // One block per scanner, reused by its next Scan (the ranges of one file, scanned in turn).
        byte[] buffer = _block ??= new byte[_blockSize];
        var found = new List<CandidateLine>();
        int filled = 0;
        long lines = 0;
        bool skipping = false, first = true;
        while (true)
        {
            // Read in chunks small enough to stay in the CPU cache while they are searched; the
            // block only fills up when a line is longer than a chunk.
            int fresh = filled;
            int read = ReadChunk(stream, buffer, filled, Math.Min(ReadSize, buffer.Length - filled));
            afterRead?.Invoke();
            filled += read;
            bool eof = read == 0;
            if (first)
            {
                first = false;
                if (!AllLines && DetectsExchangeHeader && LooksLikeExchange(buffer, filled)) AllLines = true;
            }
            int end;
            if (eof)
            {
                end = filled;
            }
            else
            {
                int last = new ReadOnlySpan<byte>(buffer, fresh, filled - fresh).LastIndexOf((byte)'\n');
                if (last < 0)
                {
                    if (filled < buffer.Length) continue;
                    // A line longer than the whole block: drop what we have and skip to its end.
                    skipping = true;
                    filled = 0;
                    continue;
                }
                end = fresh + last + 1;
            }
            int start = 0;
            if (skipping)
            {
                int newline = Array.IndexOf(buffer, (byte)'\n', 0, end);
                start = newline < 0 ? end : newline + 1;
                lines++;
                skipping = false;
            }
            lines = AllLines ? SplitAll(buffer, start, end, eof, lines, found) : ScanRegion(buffer, start, end, eof, lines, found);
            foreach (CandidateLine line in found) yield return line;
            found.Clear();
            if (eof)
            {
                LinesRead = lines;
                yield break;
            }
            Buffer.BlockCopy(buffer, end, buffer, 0, filled - end);
            filled -= end;
        }
    }

    // Reads up to count bytes (at least one unless at the end of the stream).
    private static int ReadChunk(Stream stream, byte[] buffer, int offset, int count)
    {
        int total = 0;
        while (total < count)
        {
            int n = stream.Read(buffer, offset + total, count - total);
            if (n <= 0) break;
            total += n;
            if (total >= 4096) break;
        }
        return total;
    }

    private static bool LooksLikeExchange(byte[] buffer, int length)
    {
        var span = new ReadOnlySpan<byte>(buffer, 0, length);
        if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF) span = span.Slice(3);
        foreach (byte[] header in ExchangeHeaders)
        {
            if (span.StartsWith(header)) return true;
        }
        return false;
    }

    private static byte[][] ExchangeHeaderBytes()
    {
        IReadOnlyList<string> signatures = ExchangeReceiveLogParser.HeaderSignatures;
        var bytes = new byte[signatures.Count][];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = Encoding.ASCII.GetBytes(signatures[i]);
        return bytes;
    }

    [MethodImpl(Hot)]
    private long ScanRegion(byte[] buffer, int start, int end, bool eof, long lines, List<CandidateLine> found)
    {
        var region = new ReadOnlySpan<byte>(buffer, start, end - start);
        AnchorNeedle[] anchors = _needles;
        Span<int> next = stackalloc int[anchors.Length];
        for (int a = 0; a < anchors.Length; a++) next[a] = Find(region, 0, anchors[a].Needle);
        int counted = 0;
        while (true)
        {
            // The earliest hit of any anchor.
            int which = -1;
            for (int a = 0; a < anchors.Length; a++)
            {
                if (next[a] >= 0 && (which < 0 || next[a] < next[which])) which = a;
            }
            if (which < 0) break;
            int p = next[which];
            if (!anchors[which].MatchesAt(region, p))
            {
                next[which] = Find(region, p + 1, anchors[which].Needle);
                continue;
            }
            int lineStart = region.Slice(0, p).LastIndexOf((byte)'\n') + 1;
            int lineEnd = region.Slice(p).IndexOf((byte)'\n');
            lineEnd = lineEnd < 0 ? region.Length : p + lineEnd;
            lines += CountNewlines(region.Slice(counted, lineStart - counted));
            counted = lineStart;
            found.Add(new CandidateLine(Decode(buffer, start + lineStart, lineEnd - lineStart), lines + 1));
            int after = lineEnd + 1;
            for (int a = 0; a < anchors.Length; a++)
            {
                if (next[a] >= 0 && next[a] < after) next[a] = Find(region, after, anchors[a].Needle);
            }
        }
        lines += CountNewlines(region.Slice(counted));
        if (eof && region.Length > 0 && region[region.Length - 1] != (byte)'\n') lines++;
        return lines;
    }

    [MethodImpl(Hot)]
    private static long SplitAll(byte[] buffer, int start, int end, bool eof, long lines, List<CandidateLine> found)
    {
        int position = start;
        while (position < end)
        {
            int newline = Array.IndexOf(buffer, (byte)'\n', position, end - position);
            int lineEnd = newline < 0 ? end : newline;
            lines++;
            found.Add(new CandidateLine(Decode(buffer, position, lineEnd - position), lines));
            position = lineEnd + 1;
        }
        return lines;
    }

    [MethodImpl(Hot)]
    private static int Find(ReadOnlySpan<byte> region, int from, byte[] anchor)
    {
        if (from >= region.Length) return -1;
        int i = region.Slice(from).IndexOf(anchor);
        return i < 0 ? -1 : from + i;
    }

    // Counting line breaks is the one thing done to every byte, so it is vectorised: compare a whole
    // Vector<byte> with '\n' at a time and accumulate the matches in byte lanes (at most 255 rounds).
    [MethodImpl(Hot)]
    private static long CountNewlines(ReadOnlySpan<byte> span)
    {
        long count = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && span.Length >= Vector<byte>.Count)
        {
            ReadOnlySpan<Vector<byte>> vectors = MemoryMarshal.Cast<byte, Vector<byte>>(span);
            var newline = new Vector<byte>((byte)'\n');
            int v = 0;
            while (v < vectors.Length)
            {
                Vector<byte> lanes = Vector<byte>.Zero;
                int end = Math.Min(vectors.Length, v + 255);
                for (; v < end; v++) lanes -= Vector.Equals(vectors[v], newline);
                Vector.Widen(lanes, out Vector<ushort> low, out Vector<ushort> high);
                count += Vector.Dot(low + high, Vector<ushort>.One);
            }
            i = vectors.Length * Vector<byte>.Count;
        }
        for (; i < span.Length; i++)
        {
            if (span[i] == (byte)'\n') count++;
        }
        return count;
    }

    [MethodImpl(JitHints.Hot)]
    private static string Decode(byte[] buffer, int offset, int count)
    {
        if (count > 0 && buffer[offset + count - 1] == (byte)'\r') count--;
        return Encoding.UTF8.GetString(buffer, offset, count);
    }
}
