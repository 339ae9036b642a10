namespace RelayTools.Core.Sasl;

/// <summary>Why a SASL field or token was refused. Each value maps to a stable error id in the cmdlets.</summary>
public enum SaslProblem
{
    /// <summary>The user name (authentication identity) is empty.</summary>
    EmptyUserName,

    /// <summary>A field contains a NUL character, which PLAIN uses as its separator.</summary>
    NulInField,

    /// <summary>A field is longer than the 255 UTF-8 octets RFC 4616 obliges servers to accept.</summary>
    FieldTooLong,

    /// <summary>The token is not valid base64.</summary>
    NotBase64,

    /// <summary>The decoded token does not have exactly two NUL separators.</summary>
    WrongFieldCount,

    /// <summary>A decoded field is not valid UTF-8.</summary>
    InvalidUtf8,
}
