using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Logs;

/// <summary>
/// Orders log files oldest first the way logrotate names them: <c>mail.log.3.gz, mail.log.2.gz,
/// mail.log.1, mail.log</c> (higher number = older), <c>mail.log-20261123.gz, mail.log-20261124,
/// mail.log</c> (dated suffixes ascending), the live file last; files of different logs by name.
/// </summary>
public static class RotatedLogOrder
{
    private static readonly Regex Rotation = new(@"^(?<base>.+?)(?:\.(?<n>\d{1,4})|-(?<date>\d{8}(?:\d{2})?))(?:\.(?:gz|gzip))?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>The paths in reading order (oldest first), duplicates removed.</summary>
    public static IReadOnlyList<string> Sort(IEnumerable<string> paths)
    {
        return paths.Distinct(StringComparer.Ordinal).Select(p => (Path: p, Key: KeyOf(p)))
            .OrderBy(x => x.Key.Directory, StringComparer.Ordinal)
            .ThenBy(x => x.Key.Base, StringComparer.Ordinal)
            .ThenBy(x => x.Key.Rank)
            .ThenBy(x => x.Key.Date, StringComparer.Ordinal)
            .ThenBy(x => x.Path, StringComparer.Ordinal)
            .Select(x => x.Path)
            .ToList();
    }

    private static (string Directory, string Base, long Rank, string Date) KeyOf(string path)
    {
        string directory = Path.GetDirectoryName(path) ?? "";
        string name = Path.GetFileName(path);
        Match m = Rotation.Match(name);
        if (m.Success && m.Groups["n"].Success)
        {
            // mail.log.2 is older than mail.log.1: a higher number reads first.
            return (directory, m.Groups["base"].Value, -long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), "");
        }
        if (m.Success && m.Groups["date"].Success) return (directory, m.Groups["base"].Value, -1, m.Groups["date"].Value);
        string bare = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 3) : name;
        return (directory, bare, 0, "");
    }
}
