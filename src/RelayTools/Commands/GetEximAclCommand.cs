using System;
using System.Linq;
using System.Management.Automation;
using RelayTools.Core.Exim;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Lists the statements of an Exim ACL in order (default: the one acl_smtp_rcpt names), with their conditions, message and file:line.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "EximAcl", DefaultParameterSetName = DirectorySet)]
[OutputType(typeof(EximAclStatement))]
public sealed class GetEximAclCommand : EximConfigCommandBase
{
    /// <summary>The ACL names (wildcards allowed); default the ACL acl_smtp_rcpt names.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    /// <inheritdoc />
    protected override void ProcessConfiguration(EximConfiguration config)
    {
        string[] names = Name.Length > 0 ? Name : [config.Get("acl_smtp_rcpt")];
        foreach (string pattern in names)
        {
            var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
            var hits = config.Acls.Keys.Where(k => wildcard.IsMatch(k)).ToList();
            if (hits.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                WriteError(new ErrorRecord(new ArgumentException("No ACL '" + pattern + "' in " + config.Source + "; its ACLs are: " + string.Join(", ", config.Acls.Keys) + "."),
                    "EximAclNotFound", ErrorCategory.ObjectNotFound, pattern));
                continue;
            }
            foreach (string hit in hits) WriteObject(config.Acls[hit], true);
        }
    }
}
