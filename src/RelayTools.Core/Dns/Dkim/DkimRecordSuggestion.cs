using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Dns.Dkim;

/// <summary>
/// The key record text to publish for a selector: a template when there is none (the key comes from the signer,
/// never from here), or the current record with broken tags dropped and the key re-encoded where only its encoding
/// was wrong.
/// </summary>
internal static class DkimRecordSuggestion
{
    /// <summary>Stands for the base64 public key the signing software gives.</summary>
    public const string KeyPlaceholder = "<the public key your signer gives>";

    /// <summary>A record for a key still to be generated.</summary>
    public static string Template(DkimKeyType type = DkimKeyType.Rsa)
        => $"v=DKIM1; k={(type == DkimKeyType.Ed25519 ? "ed25519" : "rsa")}; p={KeyPlaceholder}";

    /// <summary>The current record repaired; keeps the key when it is usable or only wrongly encoded.</summary>
    public static string Repair(DkimKeyRecord record)
    {
        DkimKeyType type = record.DetectedKeyType != DkimKeyType.Unknown ? record.DetectedKeyType
            : record.KeyType != DkimKeyType.Unknown ? record.KeyType : DkimKeyType.Rsa;
        var tags = new List<string> { "v=DKIM1", "k=" + (type == DkimKeyType.Ed25519 ? "ed25519" : "rsa") };
        if (record.HashAlgorithms.Contains("sha256"))
        {
            tags.Add("h=sha256");
        }
        string[] flags = new[] { record.Testing ? "y" : "", record.StrictSubdomains ? "s" : "" }.Where(f => f.Length > 0).ToArray();
        if (flags.Length > 0)
        {
            tags.Add("t=" + string.Join(":", flags));
        }
        bool keyUsable = record.DetectedKeyType != DkimKeyType.Unknown
            && (record.DetectedKeyType == DkimKeyType.Ed25519 || record.KeyBits >= 1024);
        string key = !keyUsable ? KeyPlaceholder
            : record.RepairedPublicKey.Length > 0 ? record.RepairedPublicKey
            : record.PublicKeyData;
        tags.Add("p=" + key);
        return string.Join("; ", tags);
    }
}
