using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace RelayTools.Core.Logs.Journal;

/// <summary>
/// Reads <c>journalctl -o export</c> (the Journal Export Format, systemd.io/JOURNAL_EXPORT_FORMATS):
/// entries of <c>KEY=VALUE</c> lines separated by a blank line; a field whose value is not plain text
/// is written as <c>KEY</c>, a line break, its length as a little-endian 64-bit integer, the bytes
/// and a line break. Binary values are decoded as UTF-8 (bad bytes become U+FFFD).
/// </summary>
public static class JournalExportReader
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

    /// <summary>Whether a line starts an export field (<c>KEY=</c> with an upper-case journal field name).</summary>
    public static bool LooksLikeField(string line)
    {
        int eq = line.IndexOf('=');
        if (eq <= 0) return false;
        for (int i = 0; i < eq; i++)
        {
            char c = line[i];
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
        }
        return true;
    }

    /// <summary>Reads the entries of <paramref name="stream"/>, each with the 1-based line number it starts on.</summary>
    /// <exception cref="InvalidDataException">A binary field's length runs past the end of the stream.</exception>
    public static IEnumerable<(JournalEntry Entry, long LineNumber)> Read(Stream stream)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        var input = new BufferedStream(stream, 1 << 16);
        var line = new MemoryStream();
        JournalEntry? entry = null;
        long lineNumber = 0, start = 0;
        while (true)
        {
            bool eof = !ReadLine(input, line);
            if (eof && line.Length == 0) break;
            lineNumber++;
            if (line.Length == 0)
            {
                if (entry is not null) yield return (entry, start);
                entry = null;
                continue;
            }
            if (entry is null)
            {
                entry = new JournalEntry();
                start = lineNumber;
            }
            byte[] bytes = line.GetBuffer();
            int length = (int)line.Length;
            int eq = Array.IndexOf(bytes, (byte)'=', 0, length);
            if (eq > 0)
            {
                entry.Set(Encoding.ASCII.GetString(bytes, 0, eq), Utf8.GetString(bytes, eq + 1, length - eq - 1));
            }
            else
            {
                string name = Encoding.ASCII.GetString(bytes, 0, length);
                byte[] value = ReadBinary(input);
                entry.Set(name, Utf8.GetString(value));
                int newline = input.ReadByte();
                if (newline >= 0 && newline != '\n') throw new InvalidDataException($"The binary field {name} is not followed by a line break.");
                lineNumber += CountNewlines(value);
            }
            if (eof) break;
        }
        if (entry is not null) yield return (entry, start);
    }

    private static byte[] ReadBinary(Stream input)
    {
        var size = new byte[8];
        ReadExactly(input, size);
        ulong length = BitConverter.ToUInt64(size, 0);
        if (!BitConverter.IsLittleEndian) length = Swap(length);
        if (length > int.MaxValue) throw new InvalidDataException($"A binary field claims {length} bytes.");
        var value = new byte[(int)length];
        ReadExactly(input, value);
        return value;
    }

    private static ulong Swap(ulong v)
    {
        ulong r = 0;
        for (int i = 0; i < 8; i++, v >>= 8) r = (r << 8) | (v & 0xFF);
        return r;
    }

    private static void ReadExactly(Stream input, byte[] buffer)
    {
        int n = 0;
        while (n < buffer.Length)
        {
            int r = input.Read(buffer, n, buffer.Length - n);
            if (r <= 0) throw new InvalidDataException("The export stream ends inside a binary field.");
            n += r;
        }
    }

    private static long CountNewlines(byte[] value)
    {
        long count = 0;
        foreach (byte b in value)
        {
            if (b == '\n') count++;
        }
        return count;
    }

    // Reads up to the next '\n' (not stored); false at the end of the stream.
    private static bool ReadLine(Stream input, MemoryStream line)
    {
        line.SetLength(0);
        while (true)
        {
            int b = input.ReadByte();
            if (b < 0) return false;
            if (b == '\n') return true;
            line.WriteByte((byte)b);
        }
    }
}
