using System.Collections.Generic;

namespace RelayTools.Core.Sendmail;

/// <summary>One rewriting rule of sendmail.cf (<c>R</c> line): pattern, replacement, and where it is.</summary>
public sealed class SendmailRule
{
    /// <summary>The pattern's tokens (metasymbols as <see cref="SendmailTokens.Meta"/> tokens).</summary>
    public IReadOnlyList<string> Lhs { get; set; } = [];

    /// <summary>The replacement's tokens.</summary>
    public IReadOnlyList<string> Rhs { get; set; } = [];

    /// <summary>The rule as written (continuation lines joined), without its comment.</summary>
    public string Text { get; set; } = "";

    /// <summary>The comment after the replacement, if any.</summary>
    public string Comment { get; set; } = "";

    /// <summary>1-based position in its ruleset.</summary>
    public int Number { get; set; }

    /// <summary>file:line.</summary>
    public string Origin { get; set; } = "";
}

/// <summary>A ruleset of sendmail.cf (<c>S</c> line) and its rules.</summary>
public sealed class SendmailRuleset
{
    /// <summary>The ruleset's name (<c>check_rcpt</c>, <c>Relay_ok</c>) or its number when it has no name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Its number when the S line gives one (<c>Scanonify=3</c>), else -1.</summary>
    public int Number { get; set; } = -1;

    /// <summary>file:line of the S line.</summary>
    public string Origin { get; set; } = "";

    /// <summary>The rules in order.</summary>
    public List<SendmailRule> Rules { get; } = [];
}

/// <summary>A map declared by a <c>K</c> line: <c>Kaccess hash -T&lt;TMPF&gt; -o /etc/mail/access</c>.</summary>
public sealed class SendmailMapDeclaration
{
    /// <summary>The map's name (<c>access</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The map class (<c>hash</c>, <c>host</c>, <c>dequote</c>...).</summary>
    public string MapClass { get; set; } = "";

    /// <summary>The flags and file as written after the class.</summary>
    public string Arguments { get; set; } = "";

    /// <summary>The file (for database maps: the path without <c>.db</c>); empty when none.</summary>
    public string File { get; set; } = "";

    /// <summary><c>-a</c>: text appended to a found value.</summary>
    public string AppendOnMatch { get; set; } = "";

    /// <summary><c>-T</c>: text appended to the key on a temporary failure.</summary>
    public string AppendOnTempFail { get; set; } = "";

    /// <summary><c>-o</c>: the map is optional (a missing file is not an error).</summary>
    public bool Optional { get; set; }

    /// <summary><c>-f</c>: keys are not folded to lower case.</summary>
    public bool KeepCase { get; set; }

    /// <summary><c>-m</c>: a match returns the key, not the value.</summary>
    public bool MatchOnly { get; set; }

    /// <summary><c>-q</c>: quotes are kept in the key.</summary>
    public bool KeepQuotes { get; set; }

    /// <summary>file:line.</summary>
    public string Origin { get; set; } = "";
}

/// <summary>A member of a sendmail.cf class and where it comes from.</summary>
public sealed class SendmailClassMember
{
    /// <summary>The member (<c>mx.lab.test</c>, <c>[127.0.0.1]</c>, <c>RELAY</c>).</summary>
    public string Value { get; set; } = "";

    /// <summary>sendmail.cf:line for C lines, local-host-names:line for F files, or why Sendmail adds it itself.</summary>
    public string Origin { get; set; } = "";
}
