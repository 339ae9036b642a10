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

    /// <summary>The MTA that sent the replies (a name of the MTA registry), for its Check and Fix when neither the wording nor the server names it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateMtaName]
    [ArgumentCompleter(typeof(MtaCompleter))]
    [AllowNull]
    [AllowEmptyString]
    public string? Mta { get; set; }

    /// <summary>The server the client talks to: named in Check and Fix, and recognised (smtp.office365.com, smtp.gmail.com...) as the MTA.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Host", "ComputerName")]
    [AllowNull]
    [AllowEmptyString]
    public string? Server { get; set; }

    /// <summary>The port the client uses, named in Check and Fix.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, 65535)]
    public int? Port { get; set; }

    /// <summary>The client's address as the server sees it, named in Check and Fix (mynetworks, relay_from_hosts, access db).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LocalAddress")]
    [AllowNull]
    [AllowEmptyString]
    public string? ClientAddress { get; set; }

    /// <summary>The envelope recipient, named in Check and Fix (its domain for accepted-domain checks).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("To")]
    [AllowNull]
    [AllowEmptyString]
    public string? Recipient { get; set; }

    /// <summary>The envelope sender, named in Check and Fix.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("From")]
    [AllowNull]
    [AllowEmptyString]
    public string? Sender { get; set; }

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

            var context = new DiagnosisContext { Server = Server, Port = Port, ClientAddress = ClientAddress, Recipient = Recipient, Sender = Sender };
            SmtpReplyInfo info = ReplyResolver.Default.Resolve(text!, string.IsNullOrWhiteSpace(Mta) ? null : Mta, ReplyCode, EnhancedStatusCode, context);
            WriteVerbose($"'{Shorten(text!)}': pattern {info.PatternId ?? "(none)"}, category {info.Category}, MTA {info.Mta ?? "(unknown)"}.");
            WriteObject(info);
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";
}
