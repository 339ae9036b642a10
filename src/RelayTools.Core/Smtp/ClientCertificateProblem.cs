namespace RelayTools.Core.Smtp;

/// <summary>Why a client certificate cannot be used. Stable: error ids are built from these names.</summary>
public enum ClientCertificateProblem
{
    /// <summary>No file at the path given.</summary>
    NotFound,

    /// <summary>The file cannot be read, or is neither a PKCS#12 (PFX) nor a PEM file.</summary>
    Unreadable,

    /// <summary>The PFX file (or PEM key) is protected by a password and none was given.</summary>
    PasswordRequired,

    /// <summary>The password given does not open the PFX file (or PEM key).</summary>
    PasswordIncorrect,

    /// <summary>A PEM file without a CERTIFICATE block.</summary>
    NoCertificate,

    /// <summary>A certificate without its private key: it cannot be offered in a TLS handshake.</summary>
    NoPrivateKey,

    /// <summary>A PEM file whose private key belongs to none of its certificates.</summary>
    KeyMismatch,
}
