using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace RelayTools.Core.Investigation;

/// <summary>
/// The lines of the server's log a diagnosis looks at, each with its origin: the lines a file gained
/// while the probes ran (read from the length it had before), or lines given as text.
/// </summary>
public sealed class LogExcerpt
{
    private LogExcerpt(string source, IReadOnlyList<(string Text, long Number)> lines, bool writtenDuringProbe)
    {
        Source = source;
        Lines = lines;
        WrittenDuringProbe = writtenDuringProbe;
    }

    /// <summary>The file, or <c>-Log</c> for lines given as text.</summary>
    public string Source { get; }

    /// <summary>The lines with their 1-based line numbers in <see cref="Source"/>.</summary>
    public IReadOnlyList<(string Text, long Number)> Lines { get; }

    /// <summary>True when the lines were written while the probes ran (a file read before and after).</summary>
    public bool WrittenDuringProbe { get; }

    /// <summary>Lines given as text (a pasted or piped log, written before this probe).</summary>
    public static LogExcerpt FromText(IEnumerable<string> lines)
    {
        var list = new List<(string, long)>();
        long number = 0;
        foreach (string block in lines)
        {
            foreach (string line in block.Split('\n'))
            {
                number++;
                list.Add((line.TrimEnd('\r'), number));
            }
        }

        return new LogExcerpt("-Log", list, writtenDuringProbe: false);
    }

    /// <summary>The length of a log file now: the mark to read from once the probes are done (0 when it does not exist yet).</summary>
    public static long Mark(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    /// <summary>The lines <paramref name="path"/> gained after <paramref name="mark"/>, numbered as in the whole file.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static LogExcerpt Since(string path, long mark)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < mark)
        {
            mark = 0; // rotated or truncated meanwhile: all of it is new
        }

        long number = CountLines(stream, mark);
        stream.Position = mark;
        var list = new List<(string, long)>();
        using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 64 * 1024, leaveOpen: true);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            list.Add((line, number));
        }

        return new LogExcerpt(path, list, writtenDuringProbe: true);
    }

    private static long CountLines(Stream stream, long length)
    {
        var buffer = new byte[64 * 1024];
        long count = 0, read = 0;
        stream.Position = 0;
        while (read < length)
        {
            int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, length - read));
            if (n <= 0)
            {
                break;
            }

            for (int i = 0; i < n; i++)
            {
                if (buffer[i] == (byte)'\n')
                {
                    count++;
                }
            }

            read += n;
        }

        return count;
    }
}
