using System.Management.Automation;
using RelayTools.Core.Sendmail;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Shows the settings that decide whether a Sendmail relays: class w and class R with their origin, the access entries, the relay FEATUREs, the daemons' addresses and ports, AUTH, and whether the .db files are current.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SendmailRelaySetting", DefaultParameterSetName = DirectorySet)]
[OutputType(typeof(SendmailRelaySetting))]
public sealed class GetSendmailRelaySettingCommand : SendmailConfigCommandBase
{
    /// <inheritdoc />
    protected override bool AcceptsSourceOnly => true;

    /// <inheritdoc />
    protected override void ProcessConfiguration(SendmailConfiguration config) => WriteObject(SendmailRelaySetting.From(config));
}
