using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

namespace RelayTools.Core.Diagnosis;

/// <summary>
/// The one list of the MTAs and mail services RelayTools knows: their names, and how each is recognised
/// from a greeting banner, from a host name (the server given, or one named in a banner or a reply), and
/// from the wording of its replies. Data, not code: loaded from the embedded Diagnosis/Data/mtas.json.
/// Entries are tried in file order, so a service that answers with another's banner (Microsoft 365 with
/// Exchange's "Microsoft ESMTP MAIL Service") is listed before it.
/// </summary>
public sealed class MtaRegistry
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    // A host name standing on its own in a text: not the domain of a mail address (x@outlook.com) nor part of a longer name.
    private static readonly Regex HostToken = new(@"(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?![\w-]|\.\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout);

    private static readonly Lazy<MtaRegistry> LazyDefault = new(LoadEmbedded);

    private readonly Mta[] _mtas;

    internal MtaRegistry(MtasFile file)
    {
        _mtas = (file.Mtas ?? []).Select(e => new Mta(e)).ToArray();
        if (_mtas.Length == 0) { throw new InvalidDataException("The MTA registry is empty."); }
        Names = _mtas.Select(m => m.Name).ToArray();
        foreach (Mta mta in _mtas)
        {
            foreach (string shared in mta.SharesWordingOf)
            {
                if (Normalize(shared) is null) { throw new InvalidDataException($"MTA {mta.Name} shares the wording of unknown MTA '{shared}'."); }
            }
        }
    }

    /// <summary>The registry embedded in RelayTools.Core, loaded on first use.</summary>
    public static MtaRegistry Default => LazyDefault.Value;

    /// <summary>Every MTA name, in the order they are tried ("Microsoft365", "Gmail", ..., "Postfix", "Exim", ...).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The name as the registry spells it ("postfix" -> "Postfix"), or null when it is not a registered MTA.</summary>
    public string? Normalize(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : Names.FirstOrDefault(n => string.Equals(n, name!.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="name"/> is a mail service run by a provider (Microsoft365, Gmail, AmazonSES...), false for a server one administers.</summary>
    public bool IsService(string? name) => Find(name)?.IsService ?? false;

    /// <summary>
    /// The MTA that answered, from what the client saw of the peer: the greeting (its banner signature, or a
    /// registered host name in it), then the host name the client connected to; null when neither names one.
    /// </summary>
    public string? FromPeer(string? banner, string? serverName)
    {
        string[] bannerHosts = HostsIn(banner).ToArray();
        string? server = string.IsNullOrWhiteSpace(serverName) ? null : serverName!.Trim().TrimEnd('.');
        foreach (Mta mta in _mtas)
        {
            if (banner is not null && (mta.MatchesBanner(banner) || bannerHosts.Any(mta.MatchesHost))) { return mta.Name; }
        }

        return server is null ? null : _mtas.FirstOrDefault(m => m.MatchesHost(server))?.Name;
    }

    /// <summary>
    /// The service a reply text names by its wording or by a host name in it (Gmail's "gsmtp", Microsoft 365's
    /// "[...prod.outlook.com]"), when it may have said <paramref name="wordingMta"/>'s wording: a service
    /// refines the MTA whose wording it shares, or a wording that names no MTA. Null when none does.
    /// </summary>
    public string? FromReplyText(string? text, string? wordingMta)
    {
        if (string.IsNullOrWhiteSpace(text)) { return null; }
        string[] hosts = HostsIn(text).ToArray();
        foreach (Mta mta in _mtas)
        {
            bool may = wordingMta is null || mta.SharesWordingOf.Contains(wordingMta, StringComparer.Ordinal) || mta.Name == wordingMta;
            if (may && (mta.MatchesWording(text!) || hosts.Any(mta.MatchesHost))) { return mta.Name; }
        }

        return null;
    }

    private Mta? Find(string? name) => Normalize(name) is { } known ? _mtas.First(m => m.Name == known) : null;

    private static IEnumerable<string> HostsIn(string? text)
    {
        if (string.IsNullOrEmpty(text)) { yield break; }
        for (Match m = HostToken.Match(text); m.Success; m = m.NextMatch()) { yield return m.Value; }
    }

    private static MtaRegistry LoadEmbedded()
    {
        using Stream stream = typeof(MtaRegistry).Assembly.GetManifestResourceStream("RelayTools.Core.Diagnosis.Data.mtas.json")
            ?? throw new InvalidOperationException("The embedded MTA registry resource mtas.json is missing.");
        return new MtaRegistry(KnowledgeBaseData.Read<MtasFile>(stream));
    }

    private sealed class Mta
    {
        private readonly Regex[] _banner;
        private readonly Regex[] _hosts;
        private readonly Regex[] _wording;

        public Mta(MtaEntry entry)
        {
            if (string.IsNullOrWhiteSpace(entry.Name)) { throw new InvalidDataException("An MTA of the registry has no name."); }
            Name = entry.Name;
            IsService = entry.Kind switch
            {
                "Service" => true,
                "Server" => false,
                _ => throw new InvalidDataException($"MTA {entry.Name} has Kind '{entry.Kind}'; expected Server or Service."),
            };
            SharesWordingOf = (entry.SharesWordingOf ?? []).ToArray();
            _banner = (entry.Banner ?? []).Select(p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout)).ToArray();
            _hosts = (entry.Hosts ?? []).Select(HostGlob).ToArray();
            // Wording signatures are exact phrases: "Authentication Credentials Invalid" is Amazon SES, RFC 4954's lower-case one is anyone's.
            _wording = (entry.Wording ?? []).Select(p => new Regex(p, RegexOptions.CultureInvariant, Timeout)).ToArray();
        }

        public string Name { get; }

        public bool IsService { get; }

        public string[] SharesWordingOf { get; }

        public bool MatchesBanner(string banner) => _banner.Any(r => r.IsMatch(banner));

        public bool MatchesHost(string host) => _hosts.Any(r => r.IsMatch(host));

        public bool MatchesWording(string text) => _wording.Any(r => r.IsMatch(text));

        // "*.outlook.com": "*" stands for one or more characters of a host name (so for one or more labels).
        private static Regex HostGlob(string glob) =>
            new("^" + string.Join("[a-z0-9.-]+", glob.Split('*').Select(Regex.Escape)) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout);
    }
}
