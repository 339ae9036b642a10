using System.Management.Automation;
using RelayTools.Core.Postfix;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Shows the relay-relevant settings of each smtpd service of a Postfix configuration, expanded as the service sees them.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PostfixRelaySetting", DefaultParameterSetName = DirectorySet)]
[OutputType(typeof(PostfixRelaySetting))]
public sealed class GetPostfixRelaySettingCommand : PostfixConfigCommandBase
{
    /// <summary>Only these services (name, name/type, or port; wildcards allowed).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PostfixServiceCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Service { get; set; } = [];

    /// <inheritdoc />
    protected override void ProcessConfiguration(PostfixConfiguration config)
    {
        foreach (var service in SelectServices(config, Service))
        {
            try { WriteObject(PostfixRelaySettingReader.Read(config, service, MyNetworks.ReadFileOrNull)); }
            catch (PostfixSyntaxException ex)
            {
                WriteError(new ErrorRecord(ex, "PostfixConfigSyntax", ErrorCategory.ParserError, service.Name));
            }
        }
    }
}
