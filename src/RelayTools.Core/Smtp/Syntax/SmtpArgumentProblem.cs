namespace RelayTools.Core.Smtp.Syntax;

/// <summary>Why a value cannot become part of an SMTP command. Stable: error ids are built from these names.</summary>
public enum SmtpArgumentProblem
{
    /// <summary>Nothing was given where something is needed.</summary>
    Empty,

    /// <summary>CR, LF, NUL or another control character: the value could end the command and start another.</summary>
    ControlCharacter,

    /// <summary>A character outside ASCII: SMTP without the SMTPUTF8 extension carries ASCII only.</summary>
    NonAscii,

    /// <summary>The value breaks the RFC 5321 grammar for what it is (path, domain, address literal, mechanism name, host).</summary>
    Syntax,

    /// <summary>Longer than RFC 5321 allows (local part 64, domain 255, path 256 octets).</summary>
    TooLong,
}
