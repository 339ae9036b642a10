using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Postfix;

/// <summary>The Postfix what-if's answer to one RCPT TO: the shared what-if shape plus the smtpd service evaluated.</summary>
public sealed class PostfixRelayResult : RelayWhatIfResult
{
    /// <summary>A result for Postfix.</summary>
    public PostfixRelayResult() => Mta = "Postfix";

    /// <summary>The master.cf service evaluated.</summary>
    public string Service { get; set; } = "";
}
