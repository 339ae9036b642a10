using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;

namespace RelayTools;

/// <summary>
/// The input side shared by the Exim and Sendmail configuration cmdlets: <c>-Path</c> (configuration files),
/// <c>-ConfigDirectory</c> (default: the MTA's own directory where it exists), or configuration text from
/// the pipeline, read once at the end. Each path is read once per pipeline (a CSV of cases reads its
/// configuration once); an unreadable one is an error for that input only.
/// </summary>
public abstract class MtaConfigCommandBase : PSCmdlet
{
    /// <summary>Parameter set: a configuration directory.</summary>
    protected const string DirectorySet = "ConfigDirectory";
    /// <summary>Parameter set: configuration files.</summary>
    protected const string PathSet = "Path";
    /// <summary>Parameter set: configuration text from the pipeline.</summary>
    protected const string TextSet = "InputObject";

    readonly StringBuilder _text = new();
    // object, not the core types: cmdlet types must load before RelayTools.Core does (Loading/ModuleImportHandler.cs).
    readonly Dictionary<string, object?> _read = new(StringComparer.Ordinal);

    /// <summary>Configuration files (for Exim the runtime configuration, for Sendmail sendmail.cf).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>The configuration directory (Debian's /etc/exim4, /etc/mail); default: the MTA's own where it exists.</summary>
    [Parameter(ParameterSetName = DirectorySet)]
    [ValidateNotNullOrEmpty]
    public string ConfigDirectory { get; set; } = "";

    /// <summary>Configuration text, one line per string (for example over ssh).</summary>
    [Parameter(Mandatory = true, ParameterSetName = TextSet, ValueFromPipeline = true)]
    [AllowEmptyString]
    [AllowNull]
    public string[] InputObject { get; set; } = [];

    /// <summary>The MTA's name, the prefix of the error ids (<c>EximConfigUnreadable</c>, <c>SendmailNoConfiguration</c>).</summary>
    protected abstract string Mta { get; }

    /// <summary>The default directory, or null with what to tell the user when this host has none.</summary>
    protected abstract string? DefaultDirectory(out string missing);

    /// <summary>Reads a configuration from a file or a directory (full provider path); IO errors go to the caller.</summary>
    protected abstract object ReadFrom(string fullPath, bool directory);

    /// <summary>Reads configuration text from the pipeline.</summary>
    protected abstract object ReadText(string text);

    /// <summary>Writes what was read (verbose) and its notes (errors and warnings).</summary>
    protected abstract void Report(object config);

    /// <summary>Handles one configuration read from the input.</summary>
    protected abstract void Process(object config);

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
                if (config != null) Process(config);
            }
            return;
        }
        string dir = ConfigDirectory;
        if (dir.Length == 0)
        {
            string? fallback = DefaultDirectory(out string missing);
            if (fallback == null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(missing), Mta + "NoConfiguration", ErrorCategory.ObjectNotFound, null));
            dir = fallback!;
        }
        var d = Read(dir, true);
        if (d != null) Process(d);
    }

    object? Read(string path, bool directory)
    {
        if (_read.TryGetValue(path, out var cached)) return cached;
        object? config = null;
        try
        {
            config = ReadFrom(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path), directory);
            Report(config);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ItemNotFoundException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
        {
            WriteError(new ErrorRecord(new IOException("Cannot read the " + Mta + " configuration '" + path + "': " + ex.Message, ex), Mta + "ConfigUnreadable", ErrorCategory.ReadError, path));
        }
        _read[path] = config;
        return config;
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (ParameterSetName != TextSet) return;
        var config = ReadText(_text.ToString());
        Report(config);
        Process(config);
    }
}
