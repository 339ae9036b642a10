using System.Globalization;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Logs;

/// <summary>Small conversions shared by the parsers.</summary>
internal static class LogFields
{
    /// <summary>The TCP port of a regex group, or null when absent or out of range.</summary>
    public static int? Port(Group group) =>
        group.Success && int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535 ? port : null;
}
