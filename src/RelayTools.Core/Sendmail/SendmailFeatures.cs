using System;
using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Sendmail;

/// <summary>A relay FEATURE as it shows in the compiled rules, with where it shows.</summary>
public sealed class SendmailFeature
{
    /// <summary>The FEATURE's m4 name (<c>relay_entire_domain</c>, <c>delay_checks</c>...).</summary>
    public string Name { get; set; } = "";
    /// <summary>Its arguments when sendmail.mc gives them (<c>friend</c>, <c>n</c>), else what the rules show.</summary>
    public string Arguments { get; set; } = "";
    /// <summary>What it does to relaying.</summary>
    public string Effect { get; set; } = "";
    /// <summary>The sendmail.mc line when there is one, else the sendmail.cf rule that shows it.</summary>
    public string Origin { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Arguments.Length > 0 ? Name + "(" + Arguments + ")" : Name;
}

/// <summary>
/// Finds the relay FEATUREs in a compiled sendmail.cf by the rules each one writes (cf/m4/proto.m4), so
/// a .cf without its .mc still says what it does; an .mc, when given, names the line.
/// </summary>
public static class SendmailFeatures
{
    /// <summary>The relay-related FEATUREs in effect.</summary>
    public static List<SendmailFeature> Detect(SendmailCf cf)
    {
        var found = new List<SendmailFeature>();
        void Add(string name, string effect, SendmailRule? rule, string args = "", string? origin = null) =>
            found.Add(new SendmailFeature { Name = name, Effect = effect, Arguments = args, Origin = origin ?? rule?.Origin ?? "" });

        if (cf.Maps.TryGetValue("access", out var access))
            Add("access_db", "the access map (" + access.File + ") can let clients and domains relay, or refuse them", null, origin: access.Origin);
        var checkRcpt = cf.Ruleset("check_rcpt");
        if (cf.Ruleset("checkrcpt") is { } delayed && checkRcpt != null)
        {
            string args = checkRcpt.Rules.Any(r => r.Text.Contains("FRIEND")) ? "friend" : checkRcpt.Rules.Any(r => r.Text.Contains("HATER")) ? "hater" : "";
            Add("delay_checks", "Connect: and From: checks run at RCPT TO, after the recipient" + (args.Length > 0 ? " (Spam:" + args.ToUpperInvariant() + " recipients skip them)" : ""), checkRcpt.Rules.FirstOrDefault(), args, checkRcpt.Origin);
        }
        var rcptOk = cf.Ruleset("Rcpt_ok");
        var relayOk = cf.Ruleset("Relay_ok");
        var basicRcpt = cf.Ruleset("Basic_check_rcpt");
        if (rcptOk != null && FindRule(rcptOk, r => Has(r.Lhs, "=m") && r.Text.Contains("RELAY")) is { } entire)
            Add("relay_entire_domain", "any host in the local domain ($=m) may relay, and any recipient in it is accepted", entire);
        if (rcptOk != null && FindRule(rcptOk, r => r.Lhs.Count >= 4 && Has(r.Lhs, "=R") && !Has(r.Lhs, "*") && r.Text.Contains("RELAY")) is { } hostsOnly)
            Add("relay_hosts_only", "relay-domains and access entries name hosts, not whole domains", hostsOnly);
        if (rcptOk != null && rcptOk.Rules.FirstOrDefault() is { } first && first.Text.Contains("CanonAddr") && !first.Text.Contains("ParseRecipient"))
            Add("loose_relay_check", "user%host@local is accepted and relayed onward (the % hack)", first);
        if (relayOk != null && FindRule(relayOk, r => Has(r.Rhs, "&f")) is { } fromRule)
        {
            if (FindRule(relayOk, r => r.Comment.Contains("FROM local")) is { } local)
                Add("relay_local_from", "a sender address in a local domain lets anyone relay (the sender is easily forged)", local);
            if (FindRule(relayOk, r => r.Text.Contains("From") && r.Text.Contains("SearchList")) is { } mailFrom)
                Add("relay_mail_from", "an access From: RELAY entry for the sender lets anyone relay (the sender is easily forged)", mailFrom, mailFrom.Text.Contains("<D:") || mailFrom.Text.Contains("<E:") ? "domain" : "");
            _ = fromRule;
        }
        if (cf.Maps.ContainsKey("mxserved") || cf.Rulesets.Values.Any(r => r.Rules.Any(x => x.Text.Contains("mxserved"))))
            Add("relay_based_on_MX", "any domain whose MX points at this server is relayed (outsiders can point their MX here)", cf.Rulesets.Values.SelectMany(r => r.Rules).FirstOrDefault(x => x.Text.Contains("mxserved")));
        if (basicRcpt != null && relayOk == null)
            Add("promiscuous_relay", "no relay check at all: anyone may relay to anywhere (an open relay)", basicRcpt.Rules.LastOrDefault(), origin: basicRcpt.Origin);
        if (rcptOk != null && FindRule(rcptOk, r => r.Lhs.Count > 2 && r.Lhs[0] == "<" && r.Lhs[1] == "REJECT") is { } block)
            Add("blocklist_recipients", "access To: entries refuse recipients (REJECT, ERROR)", block);
        var basicMail = cf.Ruleset("Basic_check_mail");
        if (basicMail != null && !basicMail.Rules.Any(r => r.Text.Contains("$(resolve")))
            Add("accept_unresolvable_domains", "senders whose domain does not resolve are accepted", basicMail.Rules.FirstOrDefault(), origin: basicMail.Origin);
        if (cf.ClassFiles.FirstOrDefault(f => f.ClassName == "w") is { } cw)
            Add("use_cw_file", "class w (local host names) is read from " + cw.Path, null, origin: cw.Origin);
        if (cf.Classes.TryGetValue("TrustAuthMech", out var trust) && trust.Count > 0)
            Add("TRUST_AUTH_MECH", "clients that authenticate with " + string.Join(" ", trust.Select(t => t.Value)) + " may relay", null, string.Join(" ", trust.Select(t => t.Value)), trust[0].Origin);
        return found;
    }

    static SendmailRule? FindRule(SendmailRuleset rs, Func<SendmailRule, bool> test) => rs.Rules.FirstOrDefault(test);

    static bool Has(IReadOnlyList<string> tokens, string metaCode) => tokens.Any(t => SendmailTokens.IsMeta(t) && t.Substring(1) == metaCode);
}
