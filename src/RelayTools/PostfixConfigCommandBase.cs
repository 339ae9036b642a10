using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using RelayTools.Core.Postfix;

namespace RelayTools;

/// <summary>
/// The input side shared by the Postfix configuration cmdlets: <c>-Path</c> (main.cf, with master.cf next
/// to it), <c>-ConfigDirectory</c> (default /etc/postfix where it exists), or text from the pipeline
/// (postconf, postconf -n, -M, -P output, main.cf or master.cf lines), read once at the end.
/// </summary>
public abstract class PostfixConfigCommandBase : PSCmdlet
{
    /// <summary>Parameter set: a configuration directory.</summary>
    protected const string DirectorySet = "ConfigDirectory";
    /// <summary>Parameter set: main.cf (or master.cf / postconf output) files.</summary>
    protected const string PathSet = "Path";
    /// <summary>Parameter set: configuration text from the pipeline.</summary>
    protected const string TextSet = "InputObject";

    readonly StringBuilder _text = new();

    /// <summary>main.cf files (a master.cf in the same folder is read too), or files of postconf output.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>A Postfix configuration directory holding main.cf and master.cf (default /etc/postfix where it exists).</summary>
    [Parameter(ParameterSetName = DirectorySet)]
    [ValidateNotNullOrEmpty]
    public string ConfigDirectory { get; set; } = "";

    /// <summary>Configuration text, one line per string: the output of postconf, postconf -n, postconf -M or -P (over ssh), or main.cf / master.cf lines.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TextSet, ValueFromPipeline = true)]
    [AllowEmptyString]
    [AllowNull]
    public string[] InputObject { get; set; } = [];

    /// <summary>
    /// Read lines that continue the previous parameter or master.cf service but lost their indentation
    /// (pasted from a web page) as what they were meant to be. Postfix itself refuses such a file; each
    /// line is still reported, as a warning, and results say they were evaluated as intended.
    /// </summary>
    [Parameter]
    public SwitchParameter AssumeContinuation { get; set; }

    /// <summary>Handles one configuration read from the input.</summary>
    protected abstract void ProcessConfiguration(PostfixConfiguration config);

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
                string resolved;
                try { resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path); }
                catch (Exception ex) when (ex is not PipelineStoppedException) { WriteError(ErrorIds.PostfixUnreadable(ex, path)); continue; }
                PostfixConfiguration config;
                try
                {
                    config = PostfixConfigReader.ReadPath(resolved, AssumeContinuation);
                }
                catch (IOException ex) { WriteError(ErrorIds.PostfixUnreadable(ex, path)); continue; }
                catch (UnauthorizedAccessException ex) { WriteError(ErrorIds.PostfixUnreadable(ex, path)); continue; }
                Run(config);
            }
            return;
        }
        string dir = ConfigDirectory;
        if (dir.Length == 0)
        {
            if (!Directory.Exists("/etc/postfix") || !File.Exists("/etc/postfix/main.cf"))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("No Postfix configuration to read: /etc/postfix/main.cf does not exist here. Give -ConfigDirectory or -Path, or pipe the output of 'postconf -n' (for example: ssh mx1 postconf -n | " + MyInvocation.MyCommand.Name + ")."),
                    "PostfixNoConfiguration", ErrorCategory.ObjectNotFound, null));
            dir = "/etc/postfix";
        }
        string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(dir);
        try { Run(PostfixConfigReader.ReadDirectory(full, AssumeContinuation)); }
        catch (IOException ex) { ThrowTerminatingError(ErrorIds.PostfixUnreadable(ex, dir)); }
        catch (UnauthorizedAccessException ex) { ThrowTerminatingError(ErrorIds.PostfixUnreadable(ex, dir)); }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (ParameterSetName == TextSet) Run(PostfixConfigReader.ReadText(_text.ToString(), "(pipeline)", AssumeContinuation));
    }

    void Run(PostfixConfiguration config)
    {
        WriteVerbose("Read " + config.MainSource + (config.MasterSource.Length > 0 && config.MasterSource != config.MainSource ? " and " + config.MasterSource : "") +
            ": " + config.Parameters.Count + " parameters, smtpd services " + string.Join(", ", config.SmtpdServices().Select(s => s.Name)) +
            (config.HasMasterCf ? "" : " (no master.cf: the stock smtp service is assumed)") + "; defaults of Postfix " + PostfixDefaults.PostfixVersion + ".");
        if (!ReportsNotesItself) WriteNotes(config.Notes);
        ProcessConfiguration(config);
    }

    /// <summary>Writes configuration notes: syntax errors and cycles as errors, unknown parameters as warnings, overridden entries as verbose.</summary>
    protected void WriteNotes(IEnumerable<PostfixConfigNote> notes)
    {
        foreach (var note in notes)
        {
            switch (note.Kind)
            {
                case PostfixNoteKind.UnknownParameter: WriteWarning(note.Origin + ": " + note.Message); break;
                case PostfixNoteKind.OverriddenEntry: WriteVerbose(note.Origin + ": " + note.Message); break;
                // Read as meant on request: a warning, since Postfix itself would still refuse the file.
                case PostfixNoteKind.UnindentedContinuation when AssumeContinuation: WriteWarning(note.Origin + ": " + note.Message); break;
                default: WriteError(ErrorIds.PostfixNote(note)); break;
            }
        }
    }

    /// <summary>The smtpd services selected by <paramref name="patterns"/> (name, name/type, port or syslog name such as postfix/submission/smtpd; wildcards allowed), reporting patterns that match none.</summary>
    protected List<MasterService> SelectServices(PostfixConfiguration config, string[]? patterns)
    {
        var all = config.SmtpdServices().ToList();
        if (patterns == null || patterns.Length == 0) return all;
        var selected = new List<MasterService>();
        foreach (string pattern in patterns)
        {
            var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
            var hits = all.Where(s => wildcard.IsMatch(s.Name) || wildcard.IsMatch(s.Id) || (int.TryParse(pattern, out int port) && s.Port == port)
                || wildcard.IsMatch(config.SyslogProcessName(s))).ToList();
            if (hits.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                WriteError(ErrorIds.PostfixServiceNotFound(pattern, string.Join(", ", all.Select(s => s.Name))));
            foreach (var h in hits) if (!selected.Contains(h)) selected.Add(h);
        }
        return selected;
    }
}
