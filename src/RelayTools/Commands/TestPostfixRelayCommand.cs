using System;
using System.Linq;
using System.Management.Automation;
using RelayTools.Core.Postfix;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">What-if: predicts Postfix's exact answer to RCPT TO for a client, authenticated or not, from the configuration alone.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PostfixRelay", DefaultParameterSetName = DirectorySet)]
[OutputType(typeof(PostfixRelayResult))]
public sealed class TestPostfixRelayCommand : PostfixConfigCommandBase
{
    /// <summary>The client's IP address (IPv4 or IPv6).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ClientAddress { get; set; } = "";

    /// <summary>The client's verified host name; default <c>unknown</c> (no reverse DNS, as smtpd shows it).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ClientName { get; set; } = "unknown";

    /// <summary>The HELO/EHLO name the client sends.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Helo { get; set; } = "";

    /// <summary>The MAIL FROM address; empty for the null sender.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Sender { get; set; } = "";

    /// <summary>The RCPT TO addresses; one result each.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Recipient { get; set; } = [];

    /// <summary>The SASL login name of an authenticated client (implies -Authenticated).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string SaslUser { get; set; } = "";

    /// <summary>The client authenticated with SMTP AUTH.</summary>
    [Parameter]
    public SwitchParameter Authenticated { get; set; }

    /// <summary>The smtpd service the client connects to (name, name/type or port); default the one on port 25, else the first.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PostfixServiceCompleter))]
    [AllowEmptyString]
    public string Service { get; set; } = "";

    /// <inheritdoc />
    protected override void ProcessConfiguration(PostfixConfiguration config)
    {
        var all = config.SmtpdServices().ToList();
        MasterService? service;
        if (Service.Length > 0)
        {
            service = SelectServices(config, [Service]).FirstOrDefault();
            if (service == null) return;
        }
        else service = all.FirstOrDefault(s => s.Port == 25) ?? all.FirstOrDefault();
        if (service == null)
        {
            WriteError(ErrorIds.PostfixServiceNotFound("(any)", "none"));
            return;
        }
        foreach (string rcpt in Recipient)
        {
            var query = new PostfixRelayQuery
            {
                ClientAddress = ClientAddress,
                ClientName = ClientName,
                Helo = Helo,
                Sender = Sender,
                Recipient = rcpt,
                Authenticated = Authenticated.IsPresent,
                SaslUser = SaslUser,
            };
            try
            {
                PostfixRelayResult result = PostfixRelayEvaluator.Evaluate(config, service, query, MyNetworks.ReadFileOrNull);
                var assumed = config.Notes.Where(n => n.Kind == PostfixNoteKind.UnindentedContinuation).Select(n => n.Origin).ToList();
                if (AssumeContinuation && assumed.Count > 0)
                {
                    result.Notes = [.. result.Notes, "Evaluated as intended, not as written (-AssumeContinuation): " + string.Join(", ", assumed) +
                        " read as continuations. Postfix refuses to start with the file as it is: indent those lines."];
                }

                WriteObject(result);
            }
            catch (FormatException ex) when (ex is not PostfixSyntaxException)
            {
                // One bad address (a piped log record, a CSV row) is that item's error; the rest go on.
                WriteError(new ErrorRecord(ex, "PostfixBadClientAddress", ErrorCategory.InvalidArgument, ClientAddress));
                return;
            }
            catch (PostfixSyntaxException ex)
            {
                WriteError(new ErrorRecord(ex, "PostfixConfigSyntax", ErrorCategory.ParserError, rcpt));
            }
        }
    }
}
