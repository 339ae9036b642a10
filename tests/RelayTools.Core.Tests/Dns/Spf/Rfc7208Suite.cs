using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using RelayTools.Tests.Fakes;

namespace RelayTools.Core.Tests.Dns.Spf;

/// <summary>One case of the RFC 7208 suite (see Rfc7208Suite.txt for the source and the format).</summary>
public sealed class Rfc7208Case
{
    /// <summary>The scenario (the suite's section) the case belongs to.</summary>
    public string Scenario { get; set; } = "";

    /// <summary>The case's name in the suite.</summary>
    public string Name { get; set; } = "";

    /// <summary>The RFC 7208 section(s) the case tests.</summary>
    public string Section { get; set; } = "";

    /// <summary>The SMTP client address.</summary>
    public string Host { get; set; } = "";

    /// <summary>MAIL FROM (may be empty: a bounce).</summary>
    public string MailFrom { get; set; } = "";

    /// <summary>The HELO name.</summary>
    public string Helo { get; set; } = "";

    /// <summary>The conforming results, the preferred one first.</summary>
    public string[] Results { get; set; } = [];

    /// <summary>The expected explanation; null when not checked, "" when none is expected.</summary>
    public string? Explanation { get; set; }

    /// <summary>The scenario's DNS lines (name, type, values...).</summary>
    public List<string[]> Zone { get; set; } = new();

    /// <summary>A fresh resolver over the scenario's zone.</summary>
    public FakeDnsResolver Resolver()
    {
        var dns = new FakeDnsResolver();
        foreach (string[] r in Zone)
        {
            switch (r[1])
            {
                case "TXT": dns.Txt(r[0], r[2]); break;
                case "A": dns.A(r[0], r[2]); break;
                case "AAAA": dns.Aaaa(r[0], r[2]); break;
                case "PTR": dns.Ptr(r[0], r[2]); break;
                case "CNAME": dns.Cname(r[0], r[2]); break;
                case "MX": dns.Mx(r[0], int.Parse(r[2], CultureInfo.InvariantCulture), r[3]); break;
                case "EXISTS": dns.Exists(r[0]); break;
                case "TIMEOUT":
                    if (r.Length < 3) dns.Timeout(r[0]);
                    else foreach (string t in r[2].Split(',')) dns.Timeout(r[0], (FakeDnsType)Enum.Parse(typeof(FakeDnsType), t, ignoreCase: true));
                    break;
                default: throw new InvalidDataException("unknown record type " + r[1]);
            }
        }
        return dns;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>Reads Rfc7208Suite.txt.</summary>
public static class Rfc7208Suite
{
    private static readonly Lazy<List<Rfc7208Case>> All = new(Load);

    /// <summary>Every case, in file order.</summary>
    public static IReadOnlyList<Rfc7208Case> Cases => All.Value;

    /// <summary>A case by name.</summary>
    public static Rfc7208Case Case(string name) => Cases.Single(c => c.Name == name);

    private static List<Rfc7208Case> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Dns", "Spf", "Rfc7208Suite.txt");
        var cases = new List<Rfc7208Case>();
        string scenario = "";
        var zone = new List<string[]>();
        foreach (string line in File.ReadAllLines(path))
        {
            if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal)) continue;
            string[] f = line.Split('\t').Select(Unescape).ToArray();
            switch (f[0])
            {
                case "scenario":
                    scenario = f[1];
                    zone = new List<string[]>();
                    break;
                case "dns":
                    zone.Add(f.Skip(1).ToArray());
                    break;
                case "case":
                    cases.Add(new Rfc7208Case
                    {
                        Scenario = scenario,
                        Name = f[1],
                        Section = f[2],
                        Host = f[3],
                        MailFrom = f[4],
                        Helo = f[5],
                        Results = f[6].Split(','),
                        Explanation = f.Length > 7 ? (f[7] == "(default)" ? "" : f[7]) : null,
                        Zone = zone,
                    });
                    break;
                default:
                    throw new InvalidDataException("unknown line: " + line);
            }
        }
        return cases;
    }

    private static string Unescape(string value)
    {
        if (value.IndexOf('\\') < 0) return value;
        var sb = new StringBuilder();
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c != '\\' || i + 1 >= value.Length)
            {
                sb.Append(c);
                continue;
            }
            char n = value[++i];
            if (n == 'u')
            {
                sb.Append((char)int.Parse(value.Substring(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 4;
            }
            else sb.Append(n == 't' ? '\t' : n);
        }
        return sb.ToString();
    }
}
