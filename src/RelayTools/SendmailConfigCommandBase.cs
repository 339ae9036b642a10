using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using RelayTools.Core.Sendmail;

namespace RelayTools;

/// <summary>
/// The input side shared by the Sendmail cmdlets: <c>-ConfigDirectory</c> (default /etc/mail: sendmail.cf
/// with its class files and map sources), <c>-Path</c> to a sendmail.cf, or sendmail.cf text from the pipeline.
/// </summary>
public abstract class SendmailConfigCommandBase : PSCmdlet
{
    /// <summary>Parameter set: a configuration directory.</summary>
    protected const string DirectorySet = "ConfigDirectory";
    /// <summary>Parameter set: sendmail.cf files.</summary>
    protected const string PathSet = "Path";
    /// <summary>Parameter set: sendmail.cf text from the pipeline.</summary>
    protected const string TextSet = "InputObject";

    readonly StringBuilder _text = new();
    // object, not the core type: cmdlet types must load before RelayTools.Core does (Loading/ModuleImportHandler.cs).
    readonly Dictionary<string, object?> _read = new(StringComparer.Ordinal);

    /// <summary>sendmail.cf files; the files they name under /etc/mail are read from the same folder.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>The configuration directory (sendmail.cf, sendmail.mc, access, relay-domains, local-host-names); default /etc/mail where it exists.</summary>
    [Parameter(ParameterSetName = DirectorySet)]
    [ValidateNotNullOrEmpty]
    public string ConfigDirectory { get; set; } = "";

    /// <summary>sendmail.cf text, one line per string (for example <c>ssh mx cat /etc/mail/sendmail.cf</c>); class files and maps are then not read.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TextSet, ValueFromPipeline = true)]
    [AllowEmptyString]
    [AllowNull]
    public string[] InputObject { get; set; } = [];

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
    protected override void ProcessRecord()
    {
        if (ParameterSetName == TextSet)
        {
            foreach (string? line in InputObject) _text.Append(line).Append('\n');
            return;
        }
        if (ParameterSetName == PathSet)
        {
            foreach (string path in Path)
            {
                var config = Read(path, false);
                if (config != null) ProcessConfiguration(config);
            }
            return;
        }
        string dir = ConfigDirectory;
        if (dir.Length == 0)
        {
            if (!File.Exists("/etc/mail/sendmail.cf") && !(AcceptsSourceOnly && File.Exists("/etc/mail/sendmail.mc")))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("No Sendmail configuration to read: /etc/mail/sendmail.cf does not exist here. Give -ConfigDirectory or -Path, or pipe sendmail.cf (for example: ssh mx1 cat /etc/mail/sendmail.cf | " + MyInvocation.MyCommand.Name + ")."),
                    "SendmailNoConfiguration", ErrorCategory.ObjectNotFound, null));
            dir = "/etc/mail";
        }
        var d = Read(dir, true);
        if (d != null) ProcessConfiguration(d);
    }

    string DefaultHostName()
    {
        if (HostName.Length > 0) return HostName;
        try { return System.Net.Dns.GetHostName(); }
        catch (System.Net.Sockets.SocketException) { return "localhost"; }
    }

    SendmailConfiguration? Read(string path, bool directory)
    {
        // A CSV of cases reads its configuration once.
        if (_read.TryGetValue(path, out var cached)) return (SendmailConfiguration?)cached;
        SendmailConfiguration? config = null;
        try
        {
            string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            if (directory && !Directory.Exists(full)) throw new DirectoryNotFoundException("the directory does not exist");
            if (directory && !File.Exists(System.IO.Path.Combine(full, "sendmail.cf")) && !(AcceptsSourceOnly && File.Exists(System.IO.Path.Combine(full, "sendmail.mc"))))
                throw new FileNotFoundException(File.Exists(System.IO.Path.Combine(full, "sendmail.mc"))
                    ? "it holds sendmail.mc but no sendmail.cf, and the what-if runs the compiled rules (build it with: m4 sendmail.mc > sendmail.cf)"
                    : "it holds no sendmail.cf");
            config = directory ? SendmailConfiguration.ReadDirectory(full, DefaultHostName()) : SendmailConfiguration.ReadCfFile(full, null, DefaultHostName());
            Report(config);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ItemNotFoundException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
        {
            WriteError(new ErrorRecord(new IOException("Cannot read the Sendmail configuration '" + path + "': " + ex.Message, ex), "SendmailConfigUnreadable", ErrorCategory.ReadError, path));
        }
        _read[path] = config;
        return config;
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (ParameterSetName != TextSet) return;
        var config = SendmailConfiguration.ReadText(_text.ToString(), "(pipeline)", DefaultHostName());
        Report(config);
        ProcessConfiguration(config);
    }

    void Report(SendmailConfiguration config)
    {
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
