using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using RelayTools.Core.Postfix;

namespace RelayTools.Core.Investigation;

/// <summary>
/// Turns a refusal the what-if explains into the smallest change that fixes it (pure): the client's own
/// address added to mynetworks (/32 or /128, never a wider network), a permit moved before the relay
/// guard, a missing submission service added, or a reload. The commands are exactly what postconf takes.
/// </summary>
public static class PostfixFixPlanner
{
    /// <summary>Postfix's documented default mynetworks for mynetworks_style=host plus loopback, used when mynetworks is unset.</summary>
    private const string LoopbackNetworks = "127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128";

    /// <summary>The fix for a what-if that refuses <paramref name="query"/> on <paramref name="service"/>, or null when the refusal is not a relay matter this planner knows.</summary>
    public static PostfixFix? ForRefusal(PostfixConfiguration config, MasterService service, PostfixRelayQuery query, PostfixRelayResult result)
    {
        string list = result.DecidedByList;
        if (list.Length == 0 || !IsRelayGuard(result.DecidedBy))
        {
            return null;
        }

        string[] elements = config.GetList(list, service);
        int decider = Array.FindIndex(elements, e => e.Equals(result.DecidedBy, StringComparison.OrdinalIgnoreCase));
        if (decider < 0)
        {
            return null;
        }

        string where = Where(config, service, list);
        if (query.Authenticated)
        {
            int permit = Array.FindIndex(elements, e => e.Equals("permit_sasl_authenticated", StringComparison.OrdinalIgnoreCase));
            string[] reordered = MoveBefore(elements, permit, "permit_sasl_authenticated", decider);
            var fix = new PostfixFix
            {
                CauseId = "restriction-order",
                ServiceId = service.Id,
                Summary = permit < 0
                    ? $"{list} of {where} has no permit_sasl_authenticated, so an authenticated client is refused by {result.DecidedBy}."
                    : $"{list} of {where} runs {result.DecidedBy} (position {decider + 1}) before permit_sasl_authenticated (position {permit + 1}), so an authenticated client is refused before it is permitted.",
            };
            SetList(fix, config, service, list, reordered);
            if (!config.GetBool("smtpd_sasl_auth_enable", service))
            {
                // Without it smtpd offers no AUTH, and permit_sasl_authenticated never matches.
                fix.Summary += $" And {where} does not offer AUTH (smtpd_sasl_auth_enable = no).";
                SetValue(fix, config, service, "smtpd_sasl_auth_enable", "yes");
            }

            return fix.Add("postfix reload");
        }

        IPAddress? client = IPAddress.TryParse(query.ClientAddress, out IPAddress? parsed) ? parsed : null;
        if (client is null)
        {
            return null;
        }

        string entry = client.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + client + "]/128" : client + "/32";
        var trust = new PostfixFix
        {
            CauseId = "client-not-trusted",
            ServiceId = service.Id,
            Summary = $"The client {client} is not in mynetworks of {where}, and it does not authenticate, so {result.DecidedBy} in {list} refuses to relay for it.",
        };
        AddToMynetworks(trust, config, service, entry);
        int permitNetworks = Array.FindIndex(elements, e => e.Equals("permit_mynetworks", StringComparison.OrdinalIgnoreCase));
        if (permitNetworks < 0 || permitNetworks > decider)
        {
            // permit_mynetworks never ran: whatever mynetworks holds, the list must reach it first.
            trust.CauseId = "restriction-order";
            trust.Summary = permitNetworks < 0
                ? $"{list} of {where} has no permit_mynetworks, so the unauthenticated client {client} is refused by {result.DecidedBy} whatever mynetworks holds."
                : $"{list} of {where} runs {result.DecidedBy} (position {decider + 1}) before permit_mynetworks (position {permitNetworks + 1}), so the unauthenticated client {client} is refused before mynetworks is consulted.";
            SetList(trust, config, service, list, MoveBefore(elements, permitNetworks, "permit_mynetworks", decider));
        }

        return trust.Add("postfix reload");
    }

    /// <summary>The fix for a port the client uses that no smtpd service listens on: a submission service there.</summary>
    public static PostfixFix ForMissingService(PostfixConfiguration config, int port)
    {
        MasterService? model = config.SmtpdServices().FirstOrDefault(s => s.Port == 25) ?? config.SmtpdServices().FirstOrDefault();
        string name = port switch
        {
            587 => "submission",
            465 => "submissions",
            _ => model is not null && model.Name.LastIndexOf(':') > 0 ? model.Name.Substring(0, model.Name.LastIndexOf(':') + 1) + port : port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        string chroot = model?.Chroot is { Length: > 0 } c ? c : "y";
        bool implicitTls = port == 465;
        var overrides = new List<(string Name, string Value)>
        {
            ("syslog_name", implicitTls ? "postfix/submissions" : "postfix/submission"),
            implicitTls ? ("smtpd_tls_wrappermode", "yes") : ("smtpd_tls_security_level", "encrypt"),
            ("smtpd_sasl_auth_enable", "yes"),
            ("smtpd_relay_restrictions", "permit_sasl_authenticated,reject"),
        };
        string id = name + "/inet";
        var fix = new PostfixFix
        {
            CauseId = "submission-not-enabled",
            ServiceId = id,
            Summary = $"No smtpd service listens on port {port}: master.cf has no entry for it, so a client that submits there is refused at connect.",
        };
        fix.Add($"postconf -M '{id}={name} inet n - {chroot} - - smtpd'", cfg =>
            cfg.Services.Add(new MasterService { Name = name, Type = "inet", Command = "smtpd", Chroot = chroot, Origin = "ServerFix (postconf -M)" }));
        foreach ((string parameter, string value) in overrides)
        {
            fix.Add($"postconf -P '{id}/{parameter}={value}'", cfg => SetOverride(cfg, id, parameter, value));
        }

        return fix.Add("postfix reload");
    }

    /// <summary>The fix when the configuration permits but the running server refuses: load the configuration that is on disk.</summary>
    public static PostfixFix ForNotLoaded(string serviceId, string client, string summaryDetail) => new PostfixFix
    {
        CauseId = "config-not-loaded",
        ServiceId = serviceId,
        Summary = $"The configuration permits {client} ({summaryDetail}), but the running server refuses it: it runs another configuration, was not reloaded since the change, or sees the client through NAT under another address.",
    }.Add("postfix reload");

    private static bool IsRelayGuard(string restriction) =>
        restriction.Equals("reject_unauth_destination", StringComparison.OrdinalIgnoreCase) ||
        restriction.Equals("defer_unauth_destination", StringComparison.OrdinalIgnoreCase) ||
        restriction.Equals("reject", StringComparison.OrdinalIgnoreCase);

    // The list with `permit` (moved, or inserted when absent) just before the element at `before`.
    private static string[] MoveBefore(string[] elements, int permit, string name, int before)
    {
        var list = elements.ToList();
        if (permit >= 0 && permit < before)
        {
            return elements;
        }

        if (permit >= 0)
        {
            list.RemoveAt(permit);
        }

        list.Insert(Math.Min(before, list.Count), name);
        return [.. list];
    }

    private static void SetList(PostfixFix fix, PostfixConfiguration config, MasterService service, string list, string[] elements) =>
        SetValue(fix, config, service, list, service.Override(list) is not null ? string.Join(",", elements) : string.Join(", ", elements));

    // Where the service takes the value from: its own -o override (postconf -P), else main.cf (postconf -e).
    private static void SetValue(PostfixFix fix, PostfixConfiguration config, MasterService service, string name, string value)
    {
        if (service.Override(name) is not null)
        {
            fix.Add($"postconf -P '{service.Id}/{name}={value}'", cfg => SetOverride(cfg, service.Id, name, value));
        }
        else
        {
            fix.Add($"postconf -e '{name} = {value}'", cfg => SetMain(cfg, name, value));
        }
    }

    private static void AddToMynetworks(PostfixFix fix, PostfixConfiguration config, MasterService service, string entry)
    {
        PostfixParameter? current = config.GetParameter("mynetworks", service);
        string raw = current is null || current.Source == PostfixValueSource.Default ? LoopbackNetworks : current.Value.Trim();
        string value = raw.Length == 0 ? entry : raw + " " + entry;
        if (current?.Source == PostfixValueSource.MasterOverride)
        {
            string joined = value.Replace(", ", ",").Replace(' ', ',');
            fix.Add($"postconf -P '{service.Id}/mynetworks={joined}'", cfg => SetOverride(cfg, service.Id, "mynetworks", joined));
        }
        else
        {
            fix.Add($"postconf -e 'mynetworks = {value}'", cfg => SetMain(cfg, "mynetworks", value));
        }
    }

    private static void SetMain(PostfixConfiguration config, string name, string value) =>
        config.Parameters[name] = new PostfixParameter { Name = name, Value = value, Source = PostfixValueSource.MainCf, File = "main.cf", Origin = "ServerFix (postconf -e)" };

    private static void SetOverride(PostfixConfiguration config, string serviceId, string name, string value)
    {
        MasterService service = config.Services.First(s => s.Id == serviceId);
        service.Overrides.RemoveAll(o => o.Name == name);
        service.Overrides.Add(new PostfixParameter { Name = name, Value = value, Source = PostfixValueSource.MasterOverride, File = "master.cf", Origin = "ServerFix (postconf -P " + serviceId + ")" });
    }

    private static string Where(PostfixConfiguration config, MasterService service, string list) =>
        "the " + service.Name + " service (" + (config.GetParameter(list, service)?.Origin ?? "default") + ")";
}
