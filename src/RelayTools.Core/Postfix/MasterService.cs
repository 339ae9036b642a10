using System.Collections.Generic;

namespace RelayTools.Core.Postfix;

/// <summary>One master.cf service entry (or one read from <c>postconf -M</c> / <c>-P</c> output).</summary>
public sealed class MasterService
{
    /// <summary>The service name: <c>smtp</c>, <c>submission</c>, <c>127.0.0.1:2587</c>...</summary>
    public string Name { get; set; } = "";

    /// <summary>The service type: <c>inet</c>, <c>unix</c>, <c>unix-dgram</c>, <c>fifo</c> or <c>pass</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>The command (the program Postfix runs): <c>smtpd</c>, <c>pickup</c>...</summary>
    public string Command { get; set; } = "";

    /// <summary>The chroot column as written (<c>y</c>, <c>n</c> or <c>-</c>).</summary>
    public string Chroot { get; set; } = "-";

    /// <summary>The command's other arguments (not the <c>-o</c> overrides).</summary>
    public string[] Arguments { get; set; } = [];

    /// <summary>The <c>-o name=value</c> overrides, in order; a later one for the same name wins.</summary>
    public List<PostfixParameter> Overrides { get; set; } = [];

    /// <summary>Where the entry is: <c>master.cf:12</c>, or how it was assumed.</summary>
    public string Origin { get; set; } = "";

    /// <summary><c>name/type</c>, the key postconf -P uses.</summary>
    public string Id => Name + "/" + Type;

    /// <summary>True for an SMTP server (command smtpd).</summary>
    public bool IsSmtpd => Command == "smtpd";

    /// <summary>The port the service listens on when it is an inet service (<c>smtp</c> is 25), or 0.</summary>
    public int Port => Type != "inet" ? 0 : PortOf(Name);

    /// <summary>The effective override for <paramref name="name"/>, or null.</summary>
    public PostfixParameter? Override(string name)
    {
        for (int i = Overrides.Count - 1; i >= 0; i--)
            if (Overrides[i].Name == name) return Overrides[i];
        return null;
    }

    static int PortOf(string name)
    {
        string port = name.Substring(name.LastIndexOf(':') + 1);
        if (int.TryParse(port, out int p)) return p;
        return port switch { "smtp" => 25, "submission" => 587, "submissions" or "smtps" or "urd" => 465, "lmtp" => 24, _ => 0 };
    }

    /// <inheritdoc />
    public override string ToString() => Id;
}
