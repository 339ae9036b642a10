using System.Management.Automation;
using RelayTools.Core.Sasl;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Decodes an AUTH PLAIN token seen in a transcript or capture.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "SaslPlain")]
[OutputType(typeof(SaslPlainCredential))]
public sealed class ConvertFromSaslPlainCommand : PSCmdlet
{
    /// <summary>Base64 tokens, or whole <c>AUTH PLAIN &lt;token&gt;</c> lines.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Line")]
    [AllowEmptyString]
    public string[] Token { get; set; } = [];

    /// <summary>Also return the password as plain text in PlainTextPassword.</summary>
    [Parameter]
    public SwitchParameter AsPlainText { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (string input in Token)
        {
            try
            {
                WriteObject(SaslPlainDecoder.Decode(input, AsPlainText));
            }
            catch (SaslFormatException ex)
            {
                // The token is the password in base64: the error names it only in redacted form.
                WriteError(ErrorIds.SaslDecode(ex, Redaction.Token(SaslPlainDecoder.ExtractToken(input))));
            }
        }
    }
}
