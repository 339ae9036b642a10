using System;
using System.IO;
using System.Management.Automation;
using RelayTools.Core.Investigation;
using RelayTools.Core.Postfix;
using RelayTools.Core.Smtp;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Finds why a server refuses to relay for a client: probes every path, joins the reply, the server's log line and the configuration's what-if into one root cause, and gives a fix proven by the what-if before it is applied.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Debug, "SmtpRelay")]
[OutputType(typeof(RelayDiagnosis))]
public sealed class DebugSmtpRelayCommand : FleetCmdlet
{
    private Func<PostfixConfiguration>? _postfix;
    private string? _logPath;
    private string[]? _logLines;

    /// <summary>The server's host name or address (any form Test-SmtpRelay takes; a port in it is the client's port).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ComputerName", "HostName", "Name")]
    [ValidateNotNullOrEmpty]
    public string[] Server { get; set; } = [];

    /// <summary>The ports of the probe matrix, the one the client uses today first (default 25, 587, 465).</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1, 65535)]
    public int[] Port { get; set; } = [25, 587, 465];

    /// <summary>The MAIL FROM address the client uses; '' for the null sender.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Sender")]
    [AllowEmptyString]
    public string From { get; set; } = SmtpProbeRequest.DefaultSender;

    /// <summary>The recipient the client is refused for.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Recipient")]
    public string To { get; set; } = SmtpProbeRequest.DefaultRecipient;

    /// <summary>The credential the client has; with it each path is also probed with AUTH.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The application server's address, when it is not this host.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ClientAddress { get; set; }

    /// <summary>Accept any server certificate.</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Seconds every probe may take; they run at the same time.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int Timeout { get; set; } = 30;

    /// <summary>The Postfix configuration: 'postconf -n; postconf -M; postconf -P' output as lines (over ssh), or a directory holding main.cf and master.cf.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? PostfixConfig { get; set; }

    /// <summary>The server's log: a file path (the lines it gains while the probes run are read), or log lines.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Log { get; set; }

    /// <summary>The most servers investigated at once.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = 8;

    /// <inheritdoc />
    protected override int Throttle => ThrottleLimit;

    /// <inheritdoc />
    protected override string Activity => "Debug-SmtpRelay";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (PostfixConfig is { } config)
        {
            _postfix = PostfixSource(config);
        }

        if (Log is { Length: 1 } && LooksLikePath(Log[0]))
        {
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Log[0]);
            if (!File.Exists(path))
            {
                ThrowTerminatingError(ErrorIds.LogPathNotFound(Log[0], null));
            }

            _logPath = path;
        }
        else
        {
            _logLines = Log;
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (string server in Server)
        {
            var request = new RelayInvestigationRequest
            {
                Server = server,
                Ports = Port,
                From = From,
                To = To,
                Credential = SaslCredential.From(Credential),
                ClientAddress = ClientAddress,
                SkipCertificateCheck = SkipCertificateCheck,
                Timeout = TimeSpan.FromSeconds(Timeout),
                LogPath = _logPath,
                LogLines = _logLines,
                PostfixConfiguration = _postfix,
            };
            if (!TryValidate(request.Validate))
            {
                continue;
            }

            Queue(request.Server, token => RelayInvestigation.RunAsync(request, token), Describe);
        }
    }

    private static string Describe(RelayDiagnosis result) =>
        $"{result.Server}: {result.Verdict} on {result.ClientPath}; root cause {result.RootCause.Id}; {result.Paths.Length} paths probed";

    private Func<PostfixConfiguration> PostfixSource(string[] config)
    {
        if (config.Length == 1 && LooksLikePath(config[0]))
        {
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(config[0]);
            if (Directory.Exists(path) || File.Exists(path))
            {
                try
                {
                    PostfixConfigReader.ReadPath(path); // an unreadable file fails now, not in the middle of a probe
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    ThrowTerminatingError(ErrorIds.PostfixUnreadable(ex, config[0]));
                }

                return () => PostfixConfigReader.ReadPath(path);
            }

            ThrowTerminatingError(ErrorIds.PostfixUnreadable(new ItemNotFoundException($"Cannot find a Postfix configuration at '{config[0]}': give a directory holding main.cf and master.cf, or the output of 'postconf -n; postconf -M; postconf -P'."), config[0]));
        }

        string text = string.Join("\n", config);
        return () => PostfixConfigReader.ReadText(text, "-PostfixConfig");
    }

    // One value without '=' or spaces that names a path: configuration and log text always hold spaces or '='.
    private static bool LooksLikePath(string value) => value.IndexOf('=') < 0 && value.Trim().IndexOf(' ') < 0 && value.Trim().Length > 0;
}
