using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace RelayTools.Core.Smtp;

/// <summary>
/// The certificate validation callback of one probe: records a <see cref="CertificateSummary"/> and
/// accepts the certificate only when it validates, or when the check is skipped.
/// </summary>
/// <remarks>
/// When the check is skipped the chain is not judged: on .NET 8 and later none is built at all
/// (<see cref="RelayProbeClient.SkipChainBuilding"/>), so <see cref="CertificateSummary.ChainTrusted"/> is
/// null on every runtime, and the problems named are the ones read from the certificate itself (none
/// sent, name mismatch, outside its validity period).
/// </remarks>
internal sealed class CertificateInspector
{
    private readonly bool _skip;

    public CertificateInspector(bool skipCheck)
    {
        _skip = skipCheck;
    }

    /// <summary>The certificate seen during the last handshake.</summary>
    public CertificateSummary? Summary { get; private set; }

    /// <summary>Matches <see cref="RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var problems = new List<string>();
        if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            problems.Add("The server sent no certificate.");
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            problems.Add("The certificate does not name the host connected to (name mismatch).");
        }

        if (!_skip && (errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            string[] statuses = chain?.ChainStatus
                .Where(s => s.Status != X509ChainStatusFlags.NoError)
                .Select(s => s.Status + (string.IsNullOrWhiteSpace(s.StatusInformation) ? "" : " (" + s.StatusInformation.Trim() + ")"))
                .Distinct()
                .ToArray() ?? [];
            problems.Add("The certificate chain is not trusted: " + (statuses.Length == 0 ? "chain errors" : string.Join("; ", statuses)) + ".");
        }

        if (certificate is not null)
        {
            using var cert2 = new X509Certificate2(certificate);
            var notBefore = new DateTimeOffset(cert2.NotBefore.ToUniversalTime(), TimeSpan.Zero);
            var notAfter = new DateTimeOffset(cert2.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            if (_skip)
            {
                // Without a chain nothing else reports the dates (a built chain says NotTimeValid).
                DateTimeOffset now = DateTimeOffset.UtcNow;
                if (now > notAfter)
                {
                    problems.Add($"The certificate expired on {notAfter:yyyy-MM-dd HH:mm} UTC.");
                }
                else if (now < notBefore)
                {
                    problems.Add($"The certificate is not valid before {notBefore:yyyy-MM-dd HH:mm} UTC.");
                }
            }

            Summary = new CertificateSummary
            {
                Subject = cert2.Subject,
                Issuer = cert2.Issuer,
                NotBefore = notBefore,
                NotAfter = notAfter,
                Thumbprint = cert2.Thumbprint ?? "",
                DnsNames = DnsNamesOf(cert2),
                ValidForName = (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0,
                ChainTrusted = _skip ? null : (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0,
                Problems = [.. problems],
            };
        }
        else
        {
            Summary = new CertificateSummary { Problems = [.. problems] };
        }

        return _skip || errors == SslPolicyErrors.None;
    }

    /// <summary>Why the certificate was refused, for the result's reason text; null when it was not.</summary>
    public string? RejectionReason =>
        _skip || Summary is null || Summary.Problems.Length == 0
            ? null
            : $"The server certificate ({Summary.Subject}, issued by {Summary.Issuer}) failed validation: {string.Join(" ", Summary.Problems)} Use -SkipCertificateCheck to probe anyway.";

    private static string[] DnsNamesOf(X509Certificate2 certificate)
    {
        foreach (X509Extension extension in certificate.Extensions)
        {
            if (extension.Oid?.Value == "2.5.29.17")
            {
                // "DNS Name=a, DNS Name=b" on Windows, "DNS:a, DNS:b" on Linux.
                return extension.Format(false)
                    .Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries)
                    .Select(part => part.Trim())
                    .Where(part => part.StartsWith("DNS", StringComparison.OrdinalIgnoreCase))
                    .Select(part => part.Substring(part.IndexOfAny([':', '=']) + 1).Trim())
                    .ToArray();
            }
        }

        return [];
    }
}
