using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace RelayTools.Core.Dns.Spf;

/// <summary>
/// Builds the record to publish for a sending address that does not pass: the current record with ip4:/ip6: for
/// the address put right after "v=spf1", everything else kept as it is; with no record, "v=spf1 ip4:... -all".
/// The new term goes first because mechanisms are tried in order (RFC 7208 4.6.2) and an ip4/ip6 term costs no
/// DNS lookup, so it can neither be overridden by a later term nor push the record over the 10-lookup limit.
/// </summary>
public static class SpfRecordAdvisor
{
    private const int MaxLookups = 10;

    /// <summary>The advice for <paramref name="sendingAddress"/> given the domain's <paramref name="currentRecord"/> (null or empty: none).</summary>
    /// <param name="currentRecord">The domain's SPF record text, as <see cref="SpfCheckResult.Record"/> gives it.</param>
    /// <param name="sendingAddress">The address that must pass.</param>
    /// <param name="evaluation">The check that did not pass, if there was one: its lookup count and problem refine the notes.</param>
    public static SpfRecordAdvice Advise(string? currentRecord, IPAddress sendingAddress, SpfCheckResult? evaluation = null)
    {
        if (sendingAddress == null) throw new ArgumentNullException(nameof(sendingAddress));
        IPAddress address = SpfNetwork.Normalize(sendingAddress);
        string term = (SpfNetwork.IsIPv6(address) ? "ip6:" : "ip4:") + address;
        string current = (currentRecord ?? "").Trim();
        var notes = new List<string>();
        var advice = new SpfRecordAdvice { CurrentRecord = current };

        if (evaluation?.ProblemKind == SpfProblemKind.MultipleRecords)
        {
            notes.Add("The domain publishes more than one SPF record, which is a permerror (RFC 7208 4.5): merge them into this one and delete the others.");
        }

        if (!SpfRecordParser.IsSpfRecord(current))
        {
            advice.RecordToPublish = "v=spf1 " + term + " -all";
            advice.AddedTerm = term;
            advice.Changed = true;
            notes.Add("There is no SPF record: publish this as a TXT record at the domain. \"-all\" fails every other sender; list the domain's other mail servers (or their include:) before it.");
            advice.Notes = notes.ToArray();
            return advice;
        }

        SpfParseResult parsed = SpfRecordParser.Parse(current);
        SpfRecord? record = parsed.Record;
        if (record == null)
        {
            notes.Add("The current record has a syntax error, so every receiver gets permerror until it is fixed: " + parsed.Error + ".");
        }

        SpfMechanism? listed = record?.Mechanisms.FirstOrDefault(m => Covers(m, address) && m.Qualifier == SpfQualifier.Pass);
        if (listed != null)
        {
            advice.RecordToPublish = current;
            notes.Add("The record already lists " + address + " with \"" + listed.Text + "\"; adding it again changes nothing."
                + " If the check still does not pass, a term before it decided, or the receiver checks another domain (the MAIL FROM or HELO domain).");
        }
        else
        {
            advice.RecordToPublish = "v=spf1 " + term + (current.Length > 6 ? " " + current.Substring(6).Trim() : "");
            advice.AddedTerm = term;
            advice.Changed = true;
            foreach (SpfMechanism excluding in record?.Mechanisms.Where(m => Covers(m, address)) ?? [])
            {
                notes.Add("\"" + excluding.Text + "\" gives " + address + " " + excluding.ResultWhenMatched.ToString().ToLowerInvariant()
                    + "; the added term comes first and overrides it, but remove it if it is no longer meant.");
            }
        }

        if (record != null) AddRecordNotes(record, evaluation, notes);
        if (advice.RecordToPublish.Length > 255)
        {
            notes.Add("The record is " + advice.RecordToPublish.Length + " characters: a TXT string holds 255, so publish it as several quoted strings in one TXT record (RFC 7208 3.3).");
        }
        advice.Notes = notes.ToArray();
        return advice;
    }

    private static bool Covers(SpfMechanism m, IPAddress address) =>
        m.NetworkAddress != null
        && (m.Kind == SpfMechanismKind.Ip4 ? !SpfNetwork.IsIPv6(address) && SpfNetwork.Contains(m.NetworkAddress, m.Ip4PrefixLength, address)
            : m.Kind == SpfMechanismKind.Ip6 && SpfNetwork.IsIPv6(address) && SpfNetwork.Contains(m.NetworkAddress, m.Ip6PrefixLength, address));

    private static void AddRecordNotes(SpfRecord record, SpfCheckResult? evaluation, List<string> notes)
    {
        // 4.6.4: the limit counts terms across every included record; the record alone gives a lower bound.
        int lookups = Math.Max(record.DnsLookupTerms, evaluation?.LookupCount ?? 0);
        bool overLimit = evaluation?.ProblemKind == SpfProblemKind.LookupLimit;
        if (overLimit || lookups > MaxLookups)
        {
            notes.Add("The record needs more than " + MaxLookups + " DNS lookups (include, a, mx, ptr, exists, redirect, counted through every include), which is a permerror (RFC 7208 4.6.4)."
                + " The added ip4:/ip6: term costs none, but the record fails until includes are replaced by the addresses they list or some are removed.");
        }
        else if (lookups == MaxLookups)
        {
            notes.Add("The record uses all " + MaxLookups + " DNS lookups RFC 7208 4.6.4 allows; one more include, a, mx, ptr or exists would make it a permerror. The added term costs none.");
        }

        SpfMechanism? all = record.Mechanisms.FirstOrDefault(m => m.Kind == SpfMechanismKind.All);
        if (all != null && all.Qualifier == SpfQualifier.Pass)
        {
            notes.Add("\"" + all.Text + "\" lets every address on the Internet pass for the domain; end the record with \"-all\" (or \"~all\" while testing).");
        }
        else if (all != null && all.Qualifier == SpfQualifier.Neutral)
        {
            notes.Add("\"" + all.Text + "\" makes every unlisted sender neutral, which receivers treat like no policy; end the record with \"-all\" (or \"~all\" while testing).");
        }
        else if (all == null && record.Redirect == null)
        {
            notes.Add("The record has no \"all\" and no redirect, so unlisted senders get neutral (RFC 7208 4.7); end it with \"-all\" (or \"~all\").");
        }
        if (record.Mechanisms.Any(m => m.Kind == SpfMechanismKind.Ptr))
        {
            notes.Add("The record uses \"ptr\", which RFC 7208 5.5 says SHOULD NOT be used; list those senders with ip4:/ip6: instead.");
        }
    }
}
