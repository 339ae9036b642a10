using System.Management.Automation;
using System.Security;
using RelayTools.Core.Sasl;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Builds the AUTH PLAIN (or AUTH LOGIN) client response for a credential.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "SaslPlain", DefaultParameterSetName = CredentialSet)]
[OutputType(typeof(SaslToken), typeof(string))]
public sealed class ConvertToSaslPlainCommand : PSCmdlet
{
    private const string CredentialSet = "Credential";
    private const string UserNameSet = "UserName";

    /// <summary>The user name and password to encode.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = CredentialSet)]
    [PipelineCredential]
    public PSCredential Credential { get; set; } = PSCredential.Empty;

    /// <summary>The user name (authentication identity), with <see cref="Password"/>.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = UserNameSet)]
    [AllowEmptyString]
    public string UserName { get; set; } = "";

    /// <summary>The password, as a SecureString (Read-Host -AsSecureString).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = UserNameSet)]
    public SecureString Password { get; set; } = new();

    /// <summary>The PLAIN authorization identity: act as this user. Ignored by LOGIN.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [AllowNull]
    public string? AuthorizationId { get; set; }

    /// <summary>PLAIN (default) or LOGIN.</summary>
    [Parameter]
    public SaslMechanismName Mechanism
    {
        get => (SaslMechanismName)_mechanism;
        set => _mechanism = (int)value;
    }

    // An int, not the RelayTools.Core enum: see Loading/ModuleImportHandler.cs.
    private int _mechanism = (int)SaslMechanismName.Plain;

    /// <summary>Emit only the token text (for LOGIN: the user token, then the password token).</summary>
    [Parameter]
    public SwitchParameter AsString { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // Not GetNetworkCredential(): that splits DOMAIN\user, and SASL wants the name as typed.
        string userName = ParameterSetName == CredentialSet ? Credential?.UserName ?? "" : UserName;
        SecureString password = ParameterSetName == CredentialSet ? Credential?.Password ?? new SecureString() : Password;

        SaslToken token;
        try
        {
            token = SaslTokenEncoder.Encode(userName, password, AuthorizationId, Mechanism);
        }
        catch (SaslFormatException ex)
        {
            WriteError(ErrorIds.SaslEncode(ex, userName));
            return;
        }

        WriteVerbose($"Encoded {token.Mechanism} response for user '{token.UserName}'.");
        if (!AsString)
        {
            WriteObject(token);
        }
        else if (token.Token is not null)
        {
            WriteObject(token.Token);
        }
        else
        {
            WriteObject(token.UserToken);
            WriteObject(token.PasswordToken);
        }
    }
}
