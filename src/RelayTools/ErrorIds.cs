using System;
using System.Management.Automation;
using RelayTools.Core.Sasl;

namespace RelayTools;

/// <summary>
/// Builds the ErrorRecords the cmdlets write. Error ids are stable strings users can match on
/// (<c>$Error[0].FullyQualifiedErrorId</c>), so they are derived from core enums, never from messages.
/// </summary>
internal static class ErrorIds
{
    /// <summary>An error for a field that cannot be encoded (a bad argument).</summary>
    public static ErrorRecord SaslEncode(SaslFormatException ex, object? target) =>
        new(ex, "Sasl" + ex.Problem, ErrorCategory.InvalidArgument, target);

    /// <summary>An error for a token that cannot be decoded (bad data).</summary>
    public static ErrorRecord SaslDecode(SaslFormatException ex, object? target) =>
        new(ex, "SaslToken" + ex.Problem, ErrorCategory.InvalidData, target);

    /// <summary>An error for an empty or white-space reply text given to Resolve-SmtpReply.</summary>
    public static ErrorRecord ReplyEmpty(string? input) =>
        new(new ArgumentException("The reply text is empty: there is nothing to explain."), "SmtpReplyEmpty", ErrorCategory.InvalidArgument, input);

    /// <summary>
    /// An error for a probe that failed inside RelayTools itself (a defect): server outcomes, even an
    /// unreachable server, are results, never errors.
    /// </summary>
    public static ErrorRecord ProbeFailed(System.Exception ex, string target) =>
        new(ex, "SmtpProbeFailed", ErrorCategory.NotSpecified, target);
}
