using System;
using System.Collections.Generic;
using System.Linq;
using RelayTools.Core.Smtp;
using RelayTools.Core.WhatIf;

namespace RelayTools.Core.Exchange;

/// <summary>
/// The Exchange what-if: which Receive connector takes the session, which extended rights its principal has there,
/// and whether the recipient is accepted. It follows "Receive connectors in Exchange Server"
/// (exchange/mail-flow/connectors/receive-connectors): without ms-Exch-SMTP-Submit MAIL FROM fails, and "If this
/// permission [ms-Exch-SMTP-Accept-Any-Recipient] isn't granted, only messages that are sent to recipients in accepted
/// domains ... are accepted"; and "Accepted domains in Exchange Server" (exchange/mail-flow/accepted-domains/accepted-domains)
/// for Authoritative, InternalRelay and ExternalRelay domains.
/// </summary>
public static class ExchangeRelayEvaluator
{
    /// <summary>The text of Exchange's refusal of a recipient in a non-accepted domain (with 550 5.7.54).</summary>
    public const string RelayDeniedText = "SMTP; Unable to relay recipient in non-accepted domain";

    /// <summary>Evaluates one session.</summary>
    public static ExchangeRelayResult Evaluate(
        IEnumerable<ExchangeReceiveConnector> connectors, IEnumerable<ExchangeAcceptedDomain> domains,
        IEnumerable<ExchangePermission> permissions, ExchangeRelayQuery query)
    {
        var all = connectors.ToList();
        var perms = permissions.ToList();
        var notes = new List<string>();
        var trace = new List<RelayTraceStep>();
        var r = new ExchangeRelayResult
        {
            Mta = "Exchange",
            ClientAddress = query.ClientAddress,
            ClientName = "unknown",
            Sender = query.Sender,
            Recipient = query.Recipient,
            SaslUser = query.Authenticated ? query.AuthenticatedUser : "",
            Authenticated = query.Authenticated,
        };

        var selection = ExchangeConnectorSelector.Select(all, query.ServerAddress, query.Port, query.ClientAddress, query.Server);
        notes.AddRange(selection.Notes);
        r.LosingConnectors = selection.LosingConnectors;
        var position = 0;
        foreach (var lost in selection.LosingConnectors)
            trace.Add(Step("Receive connectors", ++position, lost.Connector, "", "LOST", lost.Reason));
        var c = selection.Connector;
        if (c == null)
        {
            r.Decision = RelayDecision.Reject;
            r.Stage = SmtpProbeStage.Connect;
            r.DecidedBy = "no Receive connector";
            r.DecidedByList = "Receive connectors";
            notes.Add("No enabled Receive connector has a binding for " + (query.ServerAddress.Length > 0 ? query.ServerAddress : "the server") + ":" + query.Port
                + " and a RemoteIPRanges entry containing " + query.ClientAddress + ": Exchange uses no connector for the session and refuses the client at connect, before any SMTP reply.");
            trace.Add(Step("Receive connectors", ++position, "(none)", "", "NO MATCH", "no binding and remote range match the connection"));
            r.Fix = ExchangeRelayFix.ForAnonymous(all, perms, null, query, !IsAccepted(domains, query.Recipient, out _));
            return Finish(r, trace, notes);
        }

        r.Connector = c.CommandIdentity;
        r.MatchReason = selection.MatchReason;
        trace.Add(Step("Receive connectors", ++position, c.CommandIdentity, c.Origin, "MATCH", selection.MatchReason));

        var principals = ExchangeSessionRights.Principals(c, query.Authenticated, query.AuthenticatedUser.Trim(), notes);
        var grants = ExchangeSessionRights.Grants(c, perms, principals);
        var effective = ExchangeSessionRights.Effective(grants);
        r.Principals = principals;
        r.EffectiveRights = effective;
        var anonymous = principals.Contains(ExchangeRights.AnonymousLogon);
        position = 0;
        foreach (var g in grants)
            trace.Add(Step("Permissions " + c.CommandIdentity, ++position, g.Source, g.Origin, g.Deny ? "DENY" : "GRANT", g.Right + " to " + g.Principal));

        if (!Has(effective, ExchangeRights.Submit))
        {
            // "ms-Exch-SMTP-Submit ... If this permission isn't granted, the MAIL FROM and AUTH commands will fail."
            r.Decision = RelayDecision.Reject;
            r.Stage = SmtpProbeStage.MailFrom;
            Reply(r, 530, "5.7.1", "Client was not authenticated");
            r.DecidedBy = ExchangeRights.Submit + " not granted to " + string.Join(", ", principals);
            r.DecidedByList = "Permissions " + c.CommandIdentity;
            r.DecidedByOrigin = c.Origin;
            notes.Add("The reply text is the one Exchange gives when MAIL FROM is refused for lack of ms-Exch-SMTP-Submit; it is not read from the server.");
            if (!anonymous) notes.Add("Without ms-Exch-SMTP-Submit the AUTH command fails too (\"Receive connectors in Exchange Server\", Receive connector permissions), so the client's AUTH is refused before MAIL FROM.");
            r.Fix = anonymous
                ? ExchangeRelayFix.ForAnonymous(all, perms, c, query, !IsAccepted(domains, query.Recipient, out _))
                : ExchangeRelayFix.ForAuthenticated(all, c, query);
            return Finish(r, trace, notes);
        }

        position = 0;
        if (IsAccepted(domains, query.Recipient, out var domain))
        {
            r.Decision = RelayDecision.Permit;
            Reply(r, 250, "2.1.5", "Recipient OK");
            r.DecidedBy = "accepted domain " + domain!.DomainName + " (" + domain.DomainType + ")";
            r.DecidedByList = "Accepted domains";
            r.DecidedByOrigin = domain.Origin;
            trace.Add(Step("Recipient", ++position, r.DecidedBy, domain.Origin, "OK", "the recipient's domain is accepted; no relay right is needed"));
            if (domain.DomainType == ExchangeAcceptedDomainType.Authoritative)
                notes.Add("Whether the recipient exists (recipient filtering of the authoritative domain) is not checked here.");
            else
                notes.Add(domain.DomainName + " is " + domain.DomainType + ": Exchange accepts mail for it from anyone that may submit and relays what it cannot deliver.");
            return Finish(r, trace, notes);
        }
        trace.Add(Step("Recipient", ++position, "accepted domains", "", "DUNNO", "'" + Domain(query.Recipient) + "' is not an accepted domain"));

        var relay = grants.FirstOrDefault(g => !g.Deny && Has([g.Right], ExchangeRights.AcceptAnyRecipient));
        if (Has(effective, ExchangeRights.AcceptAnyRecipient))
        {
            r.Decision = RelayDecision.Permit;
            Reply(r, 250, "2.1.5", "Recipient OK");
            r.DecidedBy = relay!.Source + " (" + relay.Right + " to " + relay.Principal + ")";
            r.DecidedByList = "Permissions " + c.CommandIdentity;
            r.DecidedByOrigin = relay.Origin;
            trace.Add(Step("Recipient", ++position, ExchangeRights.AcceptAnyRecipient, relay.Origin, "OK", "granted to " + relay.Principal + " by " + relay.Source));
            return Finish(r, trace, notes);
        }

        r.Decision = RelayDecision.Reject;
        Reply(r, 550, "5.7.54", RelayDeniedText);
        var denied = grants.FirstOrDefault(g => g.Deny && Has([g.Right], ExchangeRights.AcceptAnyRecipient));
        r.DecidedBy = denied != null ? denied.Source : ExchangeRights.AcceptAnyRecipient + " not granted to " + string.Join(", ", principals);
        r.DecidedByList = "Permissions " + c.CommandIdentity;
        r.DecidedByOrigin = denied?.Origin ?? c.Origin;
        trace.Add(Step("Recipient", ++position, ExchangeRights.AcceptAnyRecipient, r.DecidedByOrigin, "REJECT", r.DecidedBy));
        r.Fix = anonymous ? ExchangeRelayFix.ForAnonymous(all, perms, c, query, true) : ExchangeRelayFix.ForAuthenticated(all, c, query);
        return Finish(r, trace, notes);
    }

    /// <summary>The most specific accepted domain the recipient's domain is in (an exact name before a wildcard).</summary>
    public static bool IsAccepted(IEnumerable<ExchangeAcceptedDomain> domains, string recipient, out ExchangeAcceptedDomain? domain)
    {
        var d = Domain(recipient);
        domain = domains.Where(x => x.Matches(d)).OrderByDescending(x => x.Specificity).FirstOrDefault();
        return domain != null;
    }

    static string Domain(string recipient)
    {
        var t = (recipient ?? "").Trim().Trim('<', '>');
        var at = t.LastIndexOf('@');
        return at >= 0 ? t.Substring(at + 1) : t;
    }

    static bool Has(IEnumerable<string> rights, string right) => rights.Contains(right, StringComparer.OrdinalIgnoreCase);

    static void Reply(ExchangeRelayResult r, int code, string enhanced, string text)
    {
        r.ReplyCode = code;
        r.EnhancedStatusCode = enhanced;
        r.ReplyText = text;
        r.Reply = code + " " + enhanced + " " + text;
    }

    static RelayTraceStep Step(string list, int position, string rule, string origin, string result, string detail) =>
        new() { List = list, Position = position, Rule = rule, Origin = origin, Result = result, Detail = detail };

    static ExchangeRelayResult Finish(ExchangeRelayResult r, List<RelayTraceStep> trace, List<string> notes)
    {
        r.Trace = trace.ToArray();
        r.Notes = notes.ToArray();
        return r;
    }
}
