using System;
using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Postfix;

/// <summary>Turns the expanded restriction list parameters of a service into <see cref="PostfixRestriction"/> objects.</summary>
public static class PostfixRestrictionReader
{
    /// <summary>The restriction class names (smtpd_restriction_classes) as the service sees them.</summary>
    public static string[] Classes(PostfixConfiguration config, MasterService? service)
    {
        try { return config.GetList("smtpd_restriction_classes", service); }
        catch (PostfixSyntaxException) { return []; }
    }

    /// <summary>
    /// Reads one list (a smtpd_*_restrictions parameter or a restriction class) for a service.
    /// </summary>
    /// <exception cref="PostfixSyntaxException">The value cannot be expanded or split (cycle, unbalanced brace).</exception>
    public static List<PostfixRestriction> Read(PostfixConfiguration config, MasterService service, string list)
    {
        var parameter = config.GetParameter(list, service);
        string origin = parameter?.Origin ?? "undefined";
        // A list that is just another parameter ($mua_relay) names where that one is defined too.
        var macro = System.Text.RegularExpressions.Regex.Match(parameter?.Value.Trim() ?? "", @"^\$(?:\{(\w+)\}|\((\w+)\)|(\w+))$");
        if (macro.Success)
        {
            string name = macro.Groups[1].Value + macro.Groups[2].Value + macro.Groups[3].Value;
            origin += " via $" + name + " (" + (config.GetParameter(name, service)?.Origin ?? "undefined") + ")";
        }
        string[] tokens = config.GetList(list, service);
        var classes = new HashSet<string>(Classes(config, service), StringComparer.Ordinal);
        var result = new List<PostfixRestriction>();
        bool reachable = true;
        for (int i = 0; i < tokens.Length; i++)
        {
            string name = tokens[i];
            bool isClass = classes.Contains(name);
            var r = new PostfixRestriction
            {
                Service = service.Name,
                List = list,
                Position = result.Count + 1,
                Name = name,
                Origin = origin,
                Reachable = reachable,
                IsClass = isClass,
                IsKnown = isClass || RestrictionCatalog.IsKnown(name),
                Kind = isClass ? RestrictionKind.Conditional : RestrictionCatalog.KindOf(name),
            };
            if (name == "warn_if_reject" && i + 1 < tokens.Length)
            {
                string target = tokens[++i];
                int n = RestrictionCatalog.ArgumentCount(target);
                var parts = new List<string> { target };
                for (int k = 0; k < n && i + 1 < tokens.Length; k++) parts.Add(tokens[++i]);
                r.Argument = string.Join(" ", parts);
            }
            else
            {
                int n = isClass ? 0 : RestrictionCatalog.ArgumentCount(name);
                var args = new List<string>();
                for (int k = 0; k < n && i + 1 < tokens.Length; k++) args.Add(tokens[++i]);
                r.Argument = string.Join(" ", args);
            }
            result.Add(r);
            if (RestrictionCatalog.IsUnconditional(name)) reachable = false;
        }
        return result;
    }

    /// <summary>
    /// Every restriction of a service: the smtpd lists in conversation order, then the restriction
    /// classes the service's lists use. Lists that cannot be read are reported through <paramref name="problems"/>.
    /// </summary>
    public static List<PostfixRestriction> ReadAll(PostfixConfiguration config, MasterService service, ICollection<PostfixConfigNote> problems)
    {
        var all = new List<PostfixRestriction>();
        foreach (string list in RestrictionCatalog.ListNames)
            all.AddRange(TryRead(config, service, list, problems));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(all.Where(r => r.IsClass).Select(r => r.Name));
        while (pending.Count > 0)
        {
            string c = pending.Dequeue();
            if (!seen.Add(c)) continue;
            var members = TryRead(config, service, c, problems);
            all.AddRange(members);
            foreach (var m in members.Where(m => m.IsClass)) pending.Enqueue(m.Name);
        }
        return all;
    }

    static List<PostfixRestriction> TryRead(PostfixConfiguration config, MasterService service, string list, ICollection<PostfixConfigNote> problems)
    {
        try { return Read(config, service, list); }
        catch (PostfixSyntaxException ex)
        {
            problems.Add(new PostfixConfigNote
            {
                Kind = ex.Message.Contains("loop") || ex.Message.Contains("nesting") ? PostfixNoteKind.ExpansionCycle : PostfixNoteKind.SyntaxError,
                Parameter = list,
                Origin = config.GetParameter(list, service)?.Origin ?? "",
                Message = list + " (service " + service.Name + "): " + ex.Message,
            });
            return [];
        }
    }
}
