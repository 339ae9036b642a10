using System;
using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Postfix;

/// <summary>
/// A Postfix configuration as read from main.cf and master.cf (or postconf output): the main.cf
/// parameters, the services with their <c>-o</c> overrides, and the notes about problems found while
/// reading. Values resolve as Postfix resolves them: service override, then main.cf, then the default.
/// </summary>
public sealed class PostfixConfiguration
{
    /// <summary>The main.cf parameters by name (the last definition of each).</summary>
    public Dictionary<string, PostfixParameter> Parameters { get; } = new(StringComparer.Ordinal);

    /// <summary>The master.cf services in file order.</summary>
    public List<MasterService> Services { get; } = [];

    /// <summary>Problems noticed while reading (syntax errors with file:line, unknown parameters...).</summary>
    public List<PostfixConfigNote> Notes { get; } = [];

    /// <summary>
    /// Read unindented continuation lines as what they were meant to be (the previous parameter or service
    /// continued) instead of as the errors Postfix sees; each is still reported. Set before reading.
    /// </summary>
    public bool AssumeContinuation { get; set; }

    /// <summary>The main.cf parameter read last, and its line's text: what an unindented line may continue.</summary>
    internal (PostfixParameter Parameter, string Text)? LastParameter { get; set; }

    /// <summary>The master.cf service read last: what an unindented <c>-o</c> line may continue.</summary>
    internal MasterService? LastService { get; set; }

    /// <summary>The configuration directory, when read from one.</summary>
    public string ConfigDirectory { get; set; } = "";

    /// <summary>Where main.cf came from (a path, or a description of the piped text).</summary>
    public string MainSource { get; set; } = "";

    /// <summary>Where master.cf came from, or empty when none was read.</summary>
    public string MasterSource { get; set; } = "";

    /// <summary>True when master.cf (or postconf -M / -P output) was read.</summary>
    public bool HasMasterCf { get; set; }

    /// <summary>The SMTP server services (command smtpd). Without master.cf, the stock <c>smtp inet</c> one is assumed.</summary>
    public IEnumerable<MasterService> SmtpdServices()
    {
        var services = Services.Where(s => s.IsSmtpd).ToList();
        if (services.Count == 0 && !HasMasterCf)
            services.Add(new MasterService { Name = "smtp", Type = "inet", Command = "smtpd", Origin = "assumed (no master.cf read): the stock smtp inet service" });
        return services;
    }

    /// <summary>Finds services by name, <c>name/type</c>, port number or syslog process name (wildcards not supported).</summary>
    public IEnumerable<MasterService> FindServices(string key) =>
        SmtpdServices().Where(s => string.Equals(s.Name, key, StringComparison.OrdinalIgnoreCase)
            || string.Equals(s.Id, key, StringComparison.OrdinalIgnoreCase)
            || (int.TryParse(key, out int port) && port == s.Port)
            || string.Equals(SyslogProcessName(s), key, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The name the service logs under, <c>$syslog_name/command</c>: <c>postfix/smtpd</c> for the stock smtp
    /// service, <c>postfix/submission/smtpd</c> with <c>-o syslog_name=postfix/submission</c>. Log records
    /// carry it, so a rejection read from the log finds the service that wrote it.
    /// </summary>
    public string SyslogProcessName(MasterService service) => Expand("syslog_name", service) + "/" + service.Command;

    /// <summary>The parameter as the given service sees it (override, main.cf, or default), or null when undefined.</summary>
    public PostfixParameter? GetParameter(string name, MasterService? service = null)
    {
        PostfixParameter? p = service?.Override(name);
        if (p != null) return p;
        if (Parameters.TryGetValue(name, out p)) return p;
        string? d = PostfixDefaults.Get(name);
        if (d == null) return null;
        if (name == "mydomain" && GetParameter("myhostname", service) is { Source: not PostfixValueSource.Default } host)
        {
            // Postfix: the default mydomain is $myhostname minus its first component (localdomain without a dot).
            string h = ExpandValue(host.Value, service).Trim();
            int dot = h.IndexOf('.');
            d = dot > 0 && dot < h.Length - 1 ? h.Substring(dot + 1) : "localdomain";
        }
        return new PostfixParameter { Name = name, Value = d, Source = PostfixValueSource.Default, Origin = "default" };
    }

    /// <summary>The raw value as the service sees it, or null when undefined.</summary>
    public string? GetRaw(string name, MasterService? service = null) => GetParameter(name, service)?.Value;

    /// <summary>The fully expanded value as the service sees it (empty when undefined).</summary>
    /// <exception cref="PostfixSyntaxException">An expansion cycle or bad syntax in the value.</exception>
    public string Expand(string name, MasterService? service = null) =>
        GetRaw(name, service) == null ? "" : PostfixExpander.Expand("${" + name + "}", n => GetRaw(n, service));

    /// <summary>Expands an arbitrary value in the context of a service.</summary>
    public string ExpandValue(string value, MasterService? service = null) =>
        PostfixExpander.Expand(value, n => GetRaw(n, service));

    /// <summary>The expanded value split into list elements (commas and/or whitespace, <c>{ }</c> grouping).</summary>
    public string[] GetList(string name, MasterService? service = null) => PostfixList.Split(Expand(name, service));

    /// <summary>True when the expanded value is <c>yes</c> (case-insensitive), as Postfix reads booleans.</summary>
    public bool GetBool(string name, MasterService? service = null) =>
        string.Equals(Expand(name, service).Trim(), "yes", StringComparison.OrdinalIgnoreCase);
}
