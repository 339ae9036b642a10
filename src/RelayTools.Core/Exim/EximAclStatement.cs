using System.Collections.Generic;
using System.Linq;

namespace RelayTools.Core.Exim;

/// <summary>One condition or modifier of an ACL statement: <c>!verify = sender</c>, <c>message = relay not permitted</c>.</summary>
public sealed class EximAclCondition
{
    /// <summary>The name (hosts, domains, verify, message, control...).</summary>
    public string Name { get; set; } = "";
    /// <summary>True when written with a leading <c>!</c>.</summary>
    public bool Negated { get; set; }
    /// <summary>The value as written (macros substituted, not expanded).</summary>
    public string Value { get; set; } = "";
    /// <summary>file:line.</summary>
    public string Origin { get; set; } = "";

    /// <summary>True for a modifier (message, control, set...), false for a condition that can be true or false.</summary>
    public bool IsModifier => EximAclStatement.Modifiers.Contains(Name);

    /// <inheritdoc />
    public override string ToString() => (Negated ? "!" : "") + Name + (Name == "endpass" ? "" : " = " + Value);
}

/// <summary>One statement of an ACL, in order: the verb and its conditions and modifiers.</summary>
public sealed class EximAclStatement
{
    internal static readonly HashSet<string> Verbs = ["accept", "defer", "deny", "discard", "drop", "require", "warn"];
    internal static readonly HashSet<string> Modifiers =
    [
        "add_header", "continue", "control", "delay", "endpass", "log_message", "log_reject_target", "logwrite", "message",
        "queue", "remove_header", "set", "udpsend",
    ];

    /// <summary>The ACL the statement belongs to.</summary>
    public string Acl { get; set; } = "";
    /// <summary>1-based position in the ACL.</summary>
    public int Position { get; set; }
    /// <summary>accept, deny, require, defer, discard, drop or warn.</summary>
    public string Verb { get; set; } = "";
    /// <summary>The conditions and modifiers, as written (<c>hosts = +relay_from_hosts</c>).</summary>
    public string[] Conditions { get; set; } = [];
    /// <summary>The message modifier's value, empty when none.</summary>
    public string Message { get; set; } = "";
    /// <summary>file:line of the verb.</summary>
    public string Origin { get; set; } = "";

    /// <summary>The parsed conditions and modifiers.</summary>
    internal List<EximAclCondition> Items { get; } = new();

    internal void Seal()
    {
        Conditions = Items.Select(i => i.ToString()).ToArray();
        Message = Items.FirstOrDefault(i => i.Name == "message")?.Value ?? "";
    }

    /// <summary>The statement as one line: <c>require message = relay not permitted domains = +local_domains</c>.</summary>
    public string Text => Verb + (Conditions.Length > 0 ? " " + string.Join(" ", Conditions) : "");

    /// <inheritdoc />
    public override string ToString() => Acl + "[" + Position + "] " + Text;
}
