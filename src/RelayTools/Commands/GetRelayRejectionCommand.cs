using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using RelayTools.Core.Logs;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Finds relay rejections (and, on request, SMTP AUTH failures) in Postfix, Exim, Sendmail, Exchange and Kerio logs.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "RelayRejection", DefaultParameterSetName = PathSet)]
[OutputType(typeof(RelayRejection))]
public sealed class GetRelayRejectionCommand : PSCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string InputSet = "InputObject";
    private const int BatchSize = 64;

    private readonly LogLineCounts _counts = new();
    private readonly List<string> _pipedFiles = new();
    private LogParseContext _context = new();
    private PipedLogLines? _piped;
    private readonly Stopwatch _progressClock = Stopwatch.StartNew();

    /// <summary>Log files to read; wildcards allowed. Rotated .gz files are decompressed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Log files to read, taken literally (no wildcards).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
    [Alias("LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Log lines from the pipeline (Get-Content, journalctl, ssh), Select-String matches, or files from Get-ChildItem.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputSet)]
    [AllowNull]
    [AllowEmptyString]
    public PSObject? InputObject { get; set; }

    /// <summary>Only rejections logged at or after this time.</summary>
    [Parameter]
    public DateTime? After { get; set; }

    /// <summary>Only rejections logged at or before this time.</summary>
    [Parameter]
    public DateTime? Before { get; set; }

    /// <summary>The log format; Auto (the default) recognises each line and Exchange logs by their header.</summary>
    [Parameter]
    public LogFormat Format
    {
        get => (LogFormat)_format;
        set => _format = (int)value;
    }

    // An int, not the RelayTools.Core enum: see Loading/ModuleImportHandler.cs.
    private int _format = (int)LogFormat.Auto;

    /// <summary>Also report SASL authentication failures.</summary>
    [Parameter]
    public SwitchParameter IncludeAuthFailures { get; set; }

    /// <summary>Read the files in directories given to -Path or -LiteralPath, and in their subdirectories.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (After is DateTime a && Before is DateTime b && a > b)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-After ({a:o}) is later than -Before ({b:o})."), "AfterIsLaterThanBefore", ErrorCategory.InvalidArgument, null));
        }
        _context = new LogParseContext
        {
            Format = Format,
            IncludeAuthFailures = IncludeAuthFailures,
            After = After is DateTime after ? new DateTimeOffset(after) : null,
            Before = Before is DateTime before ? new DateTimeOffset(before) : null,
            ReferenceTime = DateTime.Now,
        };
        _piped = new PipedLogLines(_context, _counts);
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case PathSet:
                ReadFiles(ResolvePaths(Path, literal: false));
                break;
            case LiteralPathSet:
                ReadFiles(ResolvePaths(LiteralPath, literal: true));
                break;
            default:
                ReadInput(InputObject);
                break;
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_piped is not null)
        {
            foreach (RelayRejection last in _piped.Complete()) WriteObject(last);
        }
        if (_pipedFiles.Count > 0) ReadFiles(_pipedFiles);
        ReportUnknownLines();
    }

    // Input in no known format is never passed over silently.
    private void ReportUnknownLines()
    {
        if (_counts.Unknown == 0) return;
        WriteVerbose($"{_counts.Unknown} line(s) were in no known log format (syslog, journald short-iso, short-precise, json or export, Exim, Exchange, Kerio) and were skipped; {_counts.Known} line(s) were.");
        if (_counts.Known == 0)
        {
            WriteWarning($"None of the {_counts.Unknown} line(s) examined is in a known log format, so no rejection could be found. For the journal use 'journalctl -o json', '-o short-iso', '-o short-precise' or '-o export'.");
        }
    }

    private void ReadInput(PSObject? input)
    {
        if (input?.BaseObject is null) return;
        object value = input.BaseObject;
        if (value is FileSystemInfo item)
        {
            // Files from Get-ChildItem are read at the end, all together in logrotate order (oldest first).
            _pipedFiles.AddRange(ResolvePaths([item.FullName], literal: true));
            return;
        }
        if (value is System.Collections.IEnumerable many && value is not string)
        {
            // Arrays of lines, e.g. from Get-Content -ReadCount 1000.
            foreach (object? element in many)
            {
                if (element is not null) ReadInput(PSObject.AsPSObject(element));
            }
            return;
        }

        string? path = null;
        long? lineNumber = null;
        string text;
        if (value is string s)
        {
            text = s;
            // Get-Content marks each line with the file it came from and its line number.
            if (input.Properties["PSPath"]?.Value is string psPath && LanguagePrimitives.TryConvertTo(input.Properties["ReadCount"]?.Value, out long readCount) && readCount > 0)
            {
                path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(psPath);
                lineNumber = readCount;
            }
        }
        else if (input.Properties["Line"]?.Value is string line)
        {
            // Select-String matches (and any object with Line, Path and LineNumber properties).
            text = line;
            if (input.Properties["Path"]?.Value is string matchPath && matchPath.Length > 0 && matchPath != "InputStream") path = matchPath;
            if (path is not null && LanguagePrimitives.TryConvertTo(input.Properties["LineNumber"]?.Value, out long number) && number > 0) lineNumber = number;
        }
        else
        {
            text = LanguagePrimitives.ConvertTo<string>(input) ?? "";
        }

        foreach (RelayRejection record in _piped!.Feed(text, path, lineNumber)) WriteObject(record);
    }

    private List<string> ResolvePaths(string[] paths, bool literal)
    {
        var files = new List<string>();
        foreach (string path in paths)
        {
            List<string> resolved = new();
            try
            {
                ProviderInfo provider;
                if (literal)
                {
                    resolved.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _));
                }
                else
                {
                    resolved.AddRange(SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider));
                }
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                {
                    WriteError(ErrorIds.LogPathNotFileSystem(path));
                    continue;
                }
            }
            catch (ItemNotFoundException ex)
            {
                WriteError(ErrorIds.LogPathNotFound(path, ex));
                continue;
            }
            catch (System.Management.Automation.DriveNotFoundException ex)
            {
                WriteError(ErrorIds.LogPathNotFound(path, ex));
                continue;
            }
            if (resolved.Count == 0)
            {
                WriteError(ErrorIds.LogPathNotFound(path, null));
                continue;
            }
            foreach (string file in resolved)
            {
                if (Directory.Exists(file))
                {
                    if (!Recurse)
                    {
                        WriteError(ErrorIds.LogPathIsDirectory(file));
                        continue;
                    }
                    files.AddRange(Directory.EnumerateFiles(file, "*", SearchOption.AllDirectories));
                }
                else if (File.Exists(file))
                {
                    files.Add(file);
                }
                else
                {
                    WriteError(ErrorIds.LogPathNotFound(file, null));
                }
            }
        }
        return files;
    }

    private void ReadFiles(List<string> files)
    {
        IReadOnlyList<string> ordered = RotatedLogOrder.Sort(files);
        long total = 0;
        foreach (string file in ordered)
        {
            try { total += new FileInfo(file).Length; } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        var reader = new RelayLogReader(_context) { Counts = _counts };
        var progress = new ProgressRecord(1, "Reading mail logs for relay rejections", "Starting");
        long done = 0;
        var batch = new List<RelayRejection>(BatchSize);
        for (int i = 0; i < ordered.Count; i++)
        {
            string file = ordered[i];
            WriteVerbose($"Reading {file}");
            long before = done;
            void Report(long position)
            {
                if (Stopping) throw new PipelineStoppedException();
                if (_progressClock.ElapsedMilliseconds < 250) return;
                _progressClock.Restart();
                progress.StatusDescription = $"{file} ({i + 1} of {ordered.Count})";
                progress.PercentComplete = total > 0 ? (int)Math.Min(100, (before + position) * 100 / total) : 0;
                WriteProgress(progress);
            }
            try
            {
                foreach (RelayRejection record in reader.ReadFile(file, Report))
                {
                    // Handing records to the pipeline in small batches costs less than one call each.
                    batch.Add(record);
                    if (batch.Count == BatchSize) Flush(batch);
                }
                Flush(batch);
            }
            catch (LogReadException ex)
            {
                Flush(batch);
                WriteError(ErrorIds.LogRead(ex));
            }
            try { done += new FileInfo(file).Length; } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        progress.RecordType = ProgressRecordType.Completed;
        progress.PercentComplete = 100;
        WriteProgress(progress);
    }

    private void Flush(List<RelayRejection> batch)
    {
        if (batch.Count == 0) return;
        WriteObject(batch.ToArray(), enumerateCollection: true);
        batch.Clear();
    }
}
