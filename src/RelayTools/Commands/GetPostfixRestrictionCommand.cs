using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RelayTools.Core.Postfix;

namespace RelayTools.Commands;

/// <summary>
/// <para type="synopsis">Lists the smtpd restrictions of a Postfix configuration, per service and list, in evaluation order.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PostfixRestriction", DefaultParameterSetName = DirectorySet)]
[OutputType(typeof(PostfixRestriction))]
public sealed class GetPostfixRestrictionCommand : PostfixConfigCommandBase
{
    /// <summary>Only these services (name such as smtp or submission, name/type, or port; wildcards allowed).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PostfixServiceCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Service { get; set; } = [];

    /// <summary>Only these lists (smtpd_relay_restrictions, or short: relay, recipient, client, helo, sender, data; or a restriction class; wildcards allowed).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PostfixListCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] List { get; set; } = [];

    /// <inheritdoc />
    protected override void ProcessConfiguration(PostfixConfiguration config)
    {
        var lists = List.Select(l => new WildcardPattern(RestrictionListName(l), WildcardOptions.IgnoreCase)).ToList();
        foreach (var service in SelectServices(config, Service))
        {
            var problems = new List<PostfixConfigNote>();
            foreach (var r in PostfixRestrictionReader.ReadAll(config, service, problems))
            {
                if (lists.Count == 0 || lists.Any(w => w.IsMatch(r.List))) WriteObject(r);
            }
            foreach (var p in problems) WriteError(ErrorIds.PostfixNote(p));
        }
    }

    /// <summary>Turns a short list name (relay, recipient...) into the parameter name.</summary>
    internal static string RestrictionListName(string name) =>
        RestrictionCatalog.ListNames.Contains("smtpd_" + name + "_restrictions", StringComparer.OrdinalIgnoreCase) ? "smtpd_" + name.ToLowerInvariant() + "_restrictions" : name;
}
