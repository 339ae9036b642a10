using System;

namespace RelayTools.Core.Smtp;

/// <summary>What a probe saw of the server certificate: plain values, never the live certificate.</summary>
public sealed class CertificateSummary
{
    /// <summary>The certificate subject, e.g. <c>CN=mail.example.com</c>.</summary>
    public string Subject { get; set; } = "";

    /// <summary>The issuer's distinguished name.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>Start of validity.</summary>
    public DateTimeOffset NotBefore { get; set; }

    /// <summary>End of validity (expiry).</summary>
    public DateTimeOffset NotAfter { get; set; }

    /// <summary>SHA-1 thumbprint, hex.</summary>
    public string Thumbprint { get; set; } = "";

    /// <summary>The DNS names in the subject alternative name extension.</summary>
    public string[] DnsNames { get; set; } = [];

    /// <summary>True when the certificate names the host the probe connected to.</summary>
    public bool ValidForName { get; set; }

    /// <summary>
    /// True when the certificate chains to a trusted root and is within its validity period; null when the
    /// chain was not checked (-SkipCertificateCheck: the certificate is accepted whatever it says, and on
    /// PowerShell 7.4+ no chain is even built).
    /// </summary>
    public bool? ChainTrusted { get; set; }

    /// <summary>Why validation failed (empty when it passed); under -SkipCertificateCheck only what the certificate itself shows (none sent, name mismatch, validity dates).</summary>
    public string[] Problems { get; set; } = [];

    /// <inheritdoc />
    public override string ToString() => $"{Subject} (issuer {Issuer}, expires {NotAfter:yyyy-MM-dd})";
}
