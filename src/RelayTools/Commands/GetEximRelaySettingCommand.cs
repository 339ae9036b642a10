using System.Management.Automation;
using RelayTools.Core.Exim;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Shows the settings that decide whether an Exim relays: local_domains, relay_to_domains, relay_from_hosts, the RCPT ACL, AUTH and TLS advertising, ports, interfaces, authenticators and Debian's dc_* values.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "EximRelaySetting", DefaultParameterSetName = DirectorySet)]
[OutputType(typeof(EximRelaySetting))]
public sealed class GetEximRelaySettingCommand : EximConfigCommandBase
{
    /// <inheritdoc />
    protected override void ProcessConfiguration(EximConfiguration config) => WriteObject(EximRelaySettingReader.Read(config));
}
