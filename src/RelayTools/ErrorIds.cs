using System;
using System.IO;
using System.Management.Automation;
using RelayTools.Core.Logs;
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

    /// <summary>An error for an empty or white-space reply text given to Resolve-SmtpReply.</summary>
    public static ErrorRecord ReplyEmpty(string? input) =>
        new(new ArgumentException("The reply text is empty: there is nothing to explain."), "SmtpReplyEmpty", ErrorCategory.InvalidArgument, input);

    /// <summary>A log file that could not be read: LogFileCorrupt for damaged gzip data, LogFileUnreadable otherwise.</summary>
    public static ErrorRecord LogRead(LogReadException ex) =>
        ex.InnerException is InvalidDataException
            ? new(ex, "LogFileCorrupt", ErrorCategory.InvalidData, ex.Path)
            : new(ex, "LogFileUnreadable", ErrorCategory.ReadError, ex.Path);

    /// <summary>A -Path or -LiteralPath that names no file.</summary>
    public static ErrorRecord LogPathNotFound(string path, System.Exception? inner) =>
        new(new ItemNotFoundException($"Cannot find a log file at '{path}'.", inner), "PathNotFound", ErrorCategory.ObjectNotFound, path);

    /// <summary>A directory given without -Recurse.</summary>
    public static ErrorRecord LogPathIsDirectory(string path) =>
        new(new System.ArgumentException($"'{path}' is a directory: add -Recurse to read the files in it."), "PathIsDirectory", ErrorCategory.InvalidArgument, path);

    /// <summary>A path of another provider than the file system.</summary>
    public static ErrorRecord LogPathNotFileSystem(string path) =>
        new(new System.ArgumentException($"'{path}' is not a file system path."), "PathNotFileSystem", ErrorCategory.InvalidArgument, path);
    /// <summary>A Postfix configuration file that cannot be read (missing, no permission).</summary>
    public static ErrorRecord PostfixUnreadable(System.Exception ex, object? target) =>
        new(ex, "PostfixConfigUnreadable", ErrorCategory.ReadError, target);

    /// <summary>A problem found while reading a configuration (syntax error, expansion cycle), with file:line.</summary>
    public static ErrorRecord PostfixNote(PostfixConfigNote note) =>
        new(new PostfixSyntaxException(note.Origin + ": " + note.Message),
            note.Kind switch
            {
                PostfixNoteKind.ExpansionCycle => "PostfixExpansionCycle",
                PostfixNoteKind.Unreadable => "PostfixConfigUnreadable",
                PostfixNoteKind.UnindentedContinuation => "PostfixUnindentedContinuation",
                _ => "PostfixConfigSyntax",
            },
            note.Kind == PostfixNoteKind.Unreadable ? ErrorCategory.ReadError : ErrorCategory.ParserError, note.Origin);

    /// <summary>A -Service that names no smtpd service of the configuration.</summary>
    public static ErrorRecord PostfixServiceNotFound(string service, string available) =>
        new(new System.ArgumentException("No smtpd service '" + service + "' in the configuration; its smtpd services are: " + available + "."),
            "PostfixServiceNotFound", ErrorCategory.ObjectNotFound, service);
    /// <summary>
    /// A value refused before anything was sent (a control character, a broken address...). The id names
    /// the kind and the problem (SmtpAddressControlCharacter, HeloNameSyntax, ServerSyntax...); the target is the value.
    /// </summary>
    public static ErrorRecord SmtpArgument(RelayTools.Core.Smtp.Syntax.SmtpArgumentException ex) =>
        new(ex, ex.ErrorId, ErrorCategory.InvalidArgument, ex.Value);

    /// <summary>
    /// A -ClientCertificate that cannot be used (missing file, password, no private key...): a bad
    /// invocation. The id names the problem (ClientCertificateNotFound, ClientCertificatePasswordRequired...).
    /// </summary>
    public static ErrorRecord ClientCertificate(RelayTools.Core.Smtp.ClientCertificateException ex) =>
        new(ex, ex.ErrorId, ex.Problem switch
        {
            RelayTools.Core.Smtp.ClientCertificateProblem.NotFound => ErrorCategory.ObjectNotFound,
            RelayTools.Core.Smtp.ClientCertificateProblem.Unreadable => ErrorCategory.ReadError,
            RelayTools.Core.Smtp.ClientCertificateProblem.PasswordRequired or RelayTools.Core.Smtp.ClientCertificateProblem.PasswordIncorrect => ErrorCategory.AuthenticationError,
            _ => ErrorCategory.InvalidData,
        }, ex.Target);

    /// <summary>
    /// An error for a probe that failed inside RelayTools itself (a defect): server outcomes, even an
    /// unreachable server, are results, never errors.
    /// </summary>
    public static ErrorRecord ProbeFailed(System.Exception ex, string target) =>
        new(ex, "SmtpProbeFailed", ErrorCategory.NotSpecified, target);
}
