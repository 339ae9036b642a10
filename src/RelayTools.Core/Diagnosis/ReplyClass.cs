namespace RelayTools.Core.Diagnosis;

/// <summary>The class of an SMTP reply (first digit of the reply code, RFC 5321 section 4.2.1).</summary>
public enum ReplyClass
{
    /// <summary>2yz: the command was accepted.</summary>
    Success,

    /// <summary>3yz: more input is expected (354, 334).</summary>
    Intermediate,

    /// <summary>4yz: transient failure; the same command may succeed later.</summary>
    TransientFailure,

    /// <summary>5yz: permanent failure; repeating the command will not help.</summary>
    PermanentFailure,

    /// <summary>No reply code or enhanced status code was found.</summary>
    Unknown,
}
