using System;
using System.Management.Automation;
using RelayTools.Core.Diagnosis;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Explains an SMTP reply: what it means, the likely causes, how to check and fix them.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Resolve, "SmtpReply")]
[OutputType(typeof(SmtpReplyInfo))]
public sealed class ResolveSmtpReplyCommand : PSCmdlet
{
    /// <summary>Reply texts: bare replies, multi-line replies, client error messages or MTA log lines.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ReplyText", "Line", "Message")]
    [AllowEmptyString]
    [AllowNull]
    [AllowEmptyCollection]
    public string?[] Reply { get; set; } = [];

    /// <summary>The MTA that sent the replies, for its Check and Fix when the wording does not name it.</summary>
    [Parameter]
    [ValidateSet("Postfix", "Exim", "Sendmail", "Exchange", "Microsoft365", "IIS", "qmail")]
    public string? Mta { get; set; }

    /// <summary>The reply code, when an object carries it apart from its text (Test-SmtpRelay's results).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? ReplyCode { get; set; }

    /// <summary>The enhanced status code, when an object carries it apart from its text.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [AllowNull]
    public string? EnhancedStatusCode { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (string? text in Reply ?? [])
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                WriteError(ErrorIds.ReplyEmpty(text));
                continue;
            }

            SmtpReplyInfo info = ReplyResolver.Default.Resolve(text!, Mta, ReplyCode, EnhancedStatusCode);
            WriteVerbose($"'{Shorten(text!)}': pattern {info.PatternId ?? "(none)"}, category {info.Category}, MTA {info.Mta ?? "(unknown)"}.");
            WriteObject(info);
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";
}
