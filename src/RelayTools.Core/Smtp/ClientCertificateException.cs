using System;

namespace RelayTools.Core.Smtp;

/// <summary>A client certificate that cannot be used: the problem, and the file (or certificate) it is about.</summary>
public sealed class ClientCertificateException : Exception
{
    /// <summary>Makes the exception.</summary>
    public ClientCertificateException(ClientCertificateProblem problem, string target, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        Target = target;
    }

    /// <summary>What is wrong.</summary>
    public ClientCertificateProblem Problem { get; }

    /// <summary>The path of the file, or the subject of the certificate.</summary>
    public string Target { get; }

    /// <summary>The stable error id, e.g. <c>ClientCertificatePasswordRequired</c>.</summary>
    public string ErrorId => "ClientCertificate" + Problem;
}
