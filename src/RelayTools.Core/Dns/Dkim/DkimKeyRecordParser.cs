using System;
using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Dns.Dkim;

/// <summary>
/// Reads a DKIM key record (RFC 6376 3.6.1) in the tag=value list syntax of RFC 6376 3.2 (case-sensitive tag names,
/// a duplicate tag invalidates the list, unknown tags are ignored), decodes p= and checks the key against RFC 8301
/// (RSA keys of at least 1024 bits, SHA-256) and RFC 8463 (Ed25519).
/// </summary>
public static class DkimKeyRecordParser
{
    private static readonly string[] KnownTags = ["v", "h", "k", "n", "p", "s", "t"];

    /// <summary>True when the record starts with a v= tag other than DKIM1: verifiers discard such records (RFC 6376 3.6.1).</summary>
    public static bool HasOtherVersion(string text)
    {
        string first = (text ?? "").Split(';')[0];
        int equals = first.IndexOf('=');
        return equals > 0 && first.Substring(0, equals).Trim() == "v" && first.Substring(equals + 1).Trim() != "DKIM1";
    }

    /// <summary>Reads <paramref name="text"/>; never throws: what is wrong is in <see cref="DkimKeyRecord.Problems"/>.</summary>
    public static DkimKeyRecord Parse(string text)
    {
        var record = new DkimKeyRecord { Text = text ?? "" };
        var problems = new List<string>();
        var notes = new List<string>();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        int index = 0;
        foreach (string rawPart in record.Text.Split(';'))
        {
            string part = rawPart.Trim();
            if (part.Length == 0)
            {
                continue;
            }
            int equals = part.IndexOf('=');
            if (equals <= 0)
            {
                problems.Add($"'{part}' is not a tag=value pair (RFC 6376 3.2)");
                index++;
                continue;
            }
            string name = part.Substring(0, equals).Trim();
            string value = part.Substring(equals + 1).Trim();
            if (name == "v" && index > 0)
            {
                problems.Add("v= must be the first tag (RFC 6376 3.6.1)");
            }
            index++;
            if (tags.ContainsKey(name))
            {
                problems.Add($"{name}= appears twice, which makes the whole record invalid (RFC 6376 3.2)");
                continue;
            }
            tags[name] = value;
            if (!KnownTags.Contains(name))
            {
                notes.Add(KnownTags.Contains(name.ToLowerInvariant())
                    ? $"{name}= is ignored: tag names are case-sensitive, write {name.ToLowerInvariant()}= (RFC 6376 3.2)"
                    : name == "g" ? "g= was dropped from DKIM by RFC 6376 and is ignored" : $"{name}= is not a key record tag and is ignored (RFC 6376 3.6.1)");
            }
        }

        if (tags.TryGetValue("v", out string? version))
        {
            record.Version = version;
            if (version != "DKIM1")
            {
                problems.Add($"v={version}: must be DKIM1 when present; verifiers discard the record (RFC 6376 3.6.1)");
            }
        }

        ReadKeyType(record, tags, problems);
        record.HashAlgorithms = List(tags, "h");
        if (record.HashAlgorithms.Length > 0)
        {
            string[] unknown = record.HashAlgorithms.Where(h => h is not ("sha1" or "sha256")).ToArray();
            if (unknown.Length > 0)
            {
                notes.Add($"h={tags["h"]}: {string.Join(", ", unknown)} is not a DKIM hash algorithm and is ignored");
            }
            if (!record.HashAlgorithms.Contains("sha256"))
            {
                problems.Add($"h={tags["h"]} does not allow sha256; rsa-sha1 must not be used for signing or verifying (RFC 8301 3.1): write h=sha256 or leave h= out");
            }
        }
        record.ServiceTypes = List(tags, "s");
        if (record.ServiceTypes.Length > 0 && !record.ServiceTypes.Contains("*") && !record.ServiceTypes.Contains("email"))
        {
            problems.Add($"s={tags["s"]}: the key is not for email, and email verifiers must ignore the record (RFC 6376 3.6.1); write s=email or leave s= out");
        }
        string[] flags = List(tags, "t");
        record.Testing = flags.Contains("y");
        record.StrictSubdomains = flags.Contains("s");
        if (record.Testing)
        {
            notes.Add("t=y: the domain is testing DKIM; verifiers must not treat its signed mail differently from unsigned mail (RFC 6376 3.6.1); remove t=y when done");
        }
        if (record.StrictSubdomains)
        {
            notes.Add("t=s: signatures must have i= in exactly the d= domain, not a subdomain (RFC 6376 3.6.1)");
        }

        ReadKey(record, tags, problems, notes);
        record.Problems = problems.ToArray();
        record.Notes = notes.ToArray();
        record.Valid = problems.Count == 0 && !record.Revoked;
        return record;
    }

    private static void ReadKeyType(DkimKeyRecord record, Dictionary<string, string> tags, List<string> problems)
    {
        if (!tags.TryGetValue("k", out string? k))
        {
            return;
        }
        switch (k)
        {
            case "rsa":
                record.KeyType = DkimKeyType.Rsa;
                break;
            case "ed25519":
                record.KeyType = DkimKeyType.Ed25519;
                break;
            default:
                record.KeyType = DkimKeyType.Unknown;
                record.KeyTypeUnderstood = false;
                problems.Add($"k={k}: verifiers know rsa (RFC 6376) and ed25519 (RFC 8463) and must ignore a record with another key type (RFC 6376 3.6.1)");
                break;
        }
    }

    private static void ReadKey(DkimKeyRecord record, Dictionary<string, string> tags, List<string> problems, List<string> notes)
    {
        if (!tags.TryGetValue("p", out string? p))
        {
            problems.Add("p= is missing: it is required (RFC 6376 3.6.1)");
            return;
        }
        // Base64 in a tag value may be broken by white space (RFC 6376 3.2 FWS), as long records often are.
        record.PublicKeyData = new string(p.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (record.PublicKeyData.Length == 0)
        {
            record.Revoked = true;
            notes.Add("p= is empty: the key has been revoked (RFC 6376 3.6.1); signatures with this selector fail");
            return;
        }
        if (!record.KeyTypeUnderstood)
        {
            return;
        }
        DkimPublicKeyReader.Reading key = DkimPublicKeyReader.Read(record.PublicKeyData, record.KeyType);
        record.KeyBits = key.Bits;
        record.DetectedKeyType = key.Type;
        record.RepairedPublicKey = key.Repaired;
        if (key.Problem.Length > 0)
        {
            problems.Add(key.Problem);
        }
        if (key.Type == DkimKeyType.Rsa && key.Problem.Length == 0)
        {
            // RFC 8301 3.2: keys under 1024 bits must not be used or accepted; at least 2048 is recommended;
            // verifiers need only handle up to 4096.
            if (key.Bits < 1024)
            {
                problems.Add($"the RSA key is {key.Bits} bits: verifiers must not accept signatures with keys under 1024 bits (RFC 8301 3.2); generate a 2048-bit key");
            }
            else if (key.Bits < 2048)
            {
                notes.Add($"the RSA key is {key.Bits} bits: valid, but at least 2048 is recommended (RFC 8301 3.2)");
            }
            else if (key.Bits > 4096)
            {
                notes.Add($"the RSA key is {key.Bits} bits: verifiers are only required to handle up to 4096 (RFC 8301 3.2)");
            }
        }
    }

    private static string[] List(Dictionary<string, string> tags, string name)
        => tags.TryGetValue(name, out string? value)
            ? value.Split(':').Select(v => v.Trim()).Where(v => v.Length > 0).ToArray()
            : [];
}
