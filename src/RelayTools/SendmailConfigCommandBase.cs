using System;
using System.IO;
using System.Management.Automation;
using RelayTools.Core.Sendmail;

namespace RelayTools;

/// <summary>
/// The input side shared by the Sendmail cmdlets: <c>-ConfigDirectory</c> (default /etc/mail: sendmail.cf
/// with its class files and map sources), <c>-Path</c> to a sendmail.cf, or sendmail.cf text from the pipeline.
/// </summary>
public abstract class SendmailConfigCommandBase : MtaConfigCommandBase
{
    /// <summary>$j, the server's own name, when sendmail.cf has no Dj line; default this machine's name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string HostName { get; set; } = "";

    /// <summary>Handles one configuration read from the input.</summary>
    protected abstract void ProcessConfiguration(SendmailConfiguration config);

    /// <summary>True when a cmdlet can work from sendmail.mc alone (settings, findings); the what-if needs sendmail.cf.</summary>
    protected virtual bool AcceptsSourceOnly => false;

    /// <summary>True when a cmdlet reports notes itself (the linter turns them into findings).</summary>
    protected virtual bool ReportsNotesItself => false;

    /// <inheritdoc />
    protected override string Mta => "Sendmail";

    /// <inheritdoc />
    protected override string? DefaultDirectory(out string missing)
    {
        missing = "No Sendmail configuration to read: /etc/mail/sendmail.cf does not exist here. Give -ConfigDirectory or -Path, or pipe sendmail.cf (for example: ssh mx1 cat /etc/mail/sendmail.cf | " + MyInvocation.MyCommand.Name + ").";
        return File.Exists("/etc/mail/sendmail.cf") || (AcceptsSourceOnly && File.Exists("/etc/mail/sendmail.mc")) ? "/etc/mail" : null;
    }

    /// <inheritdoc />
    protected override object ReadFrom(string fullPath, bool directory)
    {
        if (!directory) return SendmailConfiguration.ReadCfFile(fullPath, null, DefaultHostName());
        if (!Directory.Exists(fullPath)) throw new DirectoryNotFoundException("the directory does not exist");
        bool cf = File.Exists(System.IO.Path.Combine(fullPath, "sendmail.cf")), mc = File.Exists(System.IO.Path.Combine(fullPath, "sendmail.mc"));
        if (!cf && !(AcceptsSourceOnly && mc))
            throw new FileNotFoundException(mc
                ? "it holds sendmail.mc but no sendmail.cf, and the what-if runs the compiled rules (build it with: m4 sendmail.mc > sendmail.cf)"
                : "it holds no sendmail.cf");
        return SendmailConfiguration.ReadDirectory(fullPath, DefaultHostName());
    }

    /// <inheritdoc />
    protected override object ReadText(string text) => SendmailConfiguration.ReadText(text, "(pipeline)", DefaultHostName());

    /// <inheritdoc />
    protected override void Process(object config) => ProcessConfiguration((SendmailConfiguration)config);

    string DefaultHostName()
    {
        if (HostName.Length > 0) return HostName;
        try { return System.Net.Dns.GetHostName(); }
        catch (System.Net.Sockets.SocketException) { return "localhost"; }
    }

    /// <inheritdoc />
    protected override void Report(object read)
    {
        var config = (SendmailConfiguration)read;
        WriteVerbose("Read " + config.Source + ": " + config.Cf.Rulesets.Count + " rulesets, " + config.Cf.Classes.Count + " classes, " + config.Cf.Maps.Count + " maps; $j = " + config.HostName + " (" + config.HostNameOrigin + ").");
        if (ReportsNotesItself) return;
        foreach (var note in config.Notes)
        {
            if (note.Kind is SendmailNoteKind.UnknownTag or SendmailNoteKind.UnknownValue or SendmailNoteKind.Suspicious) { WriteWarning(note.Origin + ": " + note.Message); continue; }
            WriteError(new ErrorRecord(new FormatException(note.Origin + ": " + note.Message),
                note.Kind == SendmailNoteKind.Unreadable ? "SendmailConfigUnreadable" : "SendmailConfigSyntax",
                note.Kind == SendmailNoteKind.Unreadable ? ErrorCategory.ReadError : ErrorCategory.ParserError, note.Origin));
        }
    }
}
