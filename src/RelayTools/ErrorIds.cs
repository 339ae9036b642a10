using System.Management.Automation;
using RelayTools.Core.Postfix;
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

    /// <summary>A Postfix configuration file that cannot be read (missing, no permission).</summary>
    public static ErrorRecord PostfixUnreadable(System.Exception ex, object? target) =>
        new(ex, "PostfixConfigUnreadable", ErrorCategory.ReadError, target);

    /// <summary>A problem found while reading a configuration (syntax error, expansion cycle), with file:line.</summary>
    public static ErrorRecord PostfixNote(PostfixConfigNote note) =>
        new(new PostfixSyntaxException(note.Origin + ": " + note.Message),
            note.Kind == PostfixNoteKind.ExpansionCycle ? "PostfixExpansionCycle" : note.Kind == PostfixNoteKind.Unreadable ? "PostfixConfigUnreadable" : "PostfixConfigSyntax",
            note.Kind == PostfixNoteKind.Unreadable ? ErrorCategory.ReadError : ErrorCategory.ParserError, note.Origin);

    /// <summary>A -Service that names no smtpd service of the configuration.</summary>
    public static ErrorRecord PostfixServiceNotFound(string service, string available) =>
        new(new System.ArgumentException("No smtpd service '" + service + "' in the configuration; its smtpd services are: " + available + "."),
            "PostfixServiceNotFound", ErrorCategory.ObjectNotFound, service);
}
