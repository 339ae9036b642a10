using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace RelayTools.Core.Logs;

/// <summary>
/// What the scanner really searches for: a short byte sequence that several declared anchors share
/// (<c>elay </c> for <c>Relay access denied</c>, <c>relay not permitted</c> and <c>Relay attempt
/// from</c>), so one vectorised pass over the bytes serves them all; a hit counts only when one of its
/// anchors is there in full. Derived from the anchors, never declared: a format declares only its wordings.
/// </summary>
internal sealed class AnchorNeedle
{
    // Shorter needles would hit ordinary lines too often (and "relay=" is in every delivery line).
    private const int MinLength = 5;
    private const int MaxLength = 16;

    private readonly byte[][] _anchors;
    private readonly int[] _offsets;

    private AnchorNeedle(byte[] needle, byte[][] anchors, int[] offsets)
    {
        Needle = needle;
        _anchors = anchors;
        _offsets = offsets;
    }

    /// <summary>The bytes searched for.</summary>
    public byte[] Needle { get; }

    /// <summary>
    /// The fewest needles (greedily: the one shared by the most anchors not yet covered, then the
    /// longest) that together cover every anchor.
    /// </summary>
    public static AnchorNeedle[] Cover(IReadOnlyList<LogAnchor> anchors)
    {
        var left = new List<string>();
        foreach (LogAnchor anchor in anchors)
        {
            if (!left.Contains(anchor.Text)) left.Add(anchor.Text);
        }
        var needles = new List<AnchorNeedle>();
        while (left.Count > 0)
        {
            string best = left[0];
            int bestCount = 1;
            foreach (string text in left)
            {
                int shortest = Math.Min(MinLength, text.Length);
                for (int start = 0; start + shortest <= text.Length; start++)
                {
                    for (int length = shortest; length <= Math.Min(MaxLength, text.Length - start); length++)
                    {
                        string part = text.Substring(start, length);
                        int count = 0;
                        foreach (string other in left)
                        {
                            if (other.IndexOf(part, StringComparison.Ordinal) >= 0) count++;
                        }
                        if (count > bestCount || (count == bestCount && part.Length > best.Length && count > 1)) (best, bestCount) = (part, count);
                    }
                }
            }
            var members = left.FindAll(t => t.IndexOf(best, StringComparison.Ordinal) >= 0);
            left.RemoveAll(members.Contains);
            needles.Add(new AnchorNeedle(
                Ascii(best),
                members.ConvertAll(Ascii).ToArray(),
                members.ConvertAll(t => t.IndexOf(best, StringComparison.Ordinal)).ToArray()));
        }
        return needles.ToArray();
    }

    /// <summary>Whether one of the needle's anchors is there in full around the needle found at <paramref name="p"/>.</summary>
    [MethodImpl(JitHints.Hot)]
    public bool MatchesAt(ReadOnlySpan<byte> region, int p)
    {
        for (int i = 0; i < _anchors.Length; i++)
        {
            int start = p - _offsets[i];
            if (start >= 0 && region.Slice(start).StartsWith(_anchors[i])) return true;
        }
        return false;
    }

    private static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);
}
