namespace RelayTools.Core.OpenRelay;

/// <summary>One address-form test of the audit: the envelope to try.</summary>
public sealed class OpenRelayTest
{
    /// <summary>1 to 16, in the order relay checkers (nmap smtp-open-relay) run them.</summary>
    public int Number { get; set; }

    /// <summary>What the form tries, e.g. "percent hack to [IP]".</summary>
    public string Name { get; set; } = "";

    /// <summary>The MAIL FROM path, without angle brackets (empty for the null sender).</summary>
    public string MailFrom { get; set; } = "";

    /// <summary>The RCPT TO path, without angle brackets.</summary>
    public string RcptTo { get; set; } = "";
}
