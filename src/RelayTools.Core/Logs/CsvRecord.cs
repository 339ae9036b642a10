using System.Collections.Generic;
using System.Text;

namespace RelayTools.Core.Logs;

/// <summary>Splits one CSV line (RFC 4180 quoting, as Exchange writes its logs) into fields.</summary>
internal static class CsvRecord
{
    /// <summary>The fields of <paramref name="line"/>; quoted fields lose their quotes and "" becomes ".</summary>
    public static List<string> Split(string line)
    {
        var fields = new List<string>(10);
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                    else quoted = false;
                }
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
