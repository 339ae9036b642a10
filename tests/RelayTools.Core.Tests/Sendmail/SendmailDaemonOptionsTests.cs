using System.Linq;
using RelayTools.Core.Sendmail;

namespace RelayTools.Core.Tests.Sendmail;

public class SendmailDaemonOptionsTests
{
    static SendmailDaemonOptions Parse(string value) => SendmailDaemonOptions.Parse(value, "sendmail.cf:237");

    [Theory]
    // Debian's two DAEMON_OPTIONS, as they appear in sendmail.cf.
    [InlineData("Family=inet,  Name=MTA-v4, Port=smtp, Addr=127.0.0.1", "inet", "MTA-v4", 25, "127.0.0.1", "", true)]
    [InlineData("Family=inet,  Name=MSP-v4, Port=submission, M=Ea, Addr=127.0.0.1", "inet", "MSP-v4", 587, "127.0.0.1", "Ea", true)]
    // Debian's commented-out IPv6 pair.
    [InlineData("Family=inet6, Name=MTA-v6, Port=smtp, Addr=::1", "inet6", "MTA-v6", 25, "::1", "", true)]
    [InlineData("Family=inet6, Name=MSP-v6, Port=submission, M=Ea, Addr=::1", "inet6", "MSP-v6", 587, "::1", "Ea", true)]
    // proto.m4's defaults: no Addr is every address, no Port is smtp.
    [InlineData("Name=MTA", "inet", "MTA", 25, "0.0.0.0", "", false)]
    [InlineData("Name=MTA-v6, Family=inet6", "inet6", "MTA-v6", 25, "::", "", false)]
    [InlineData("Port=587, Name=MSA, M=E", "inet", "MSA", 587, "0.0.0.0", "E", false)]
    [InlineData("", "inet", "", 25, "0.0.0.0", "", false)]
    // Numbers, smtps, other spellings of the same keys, the order of the fields.
    [InlineData("Port=2525, Addr=192.0.2.10", "inet", "", 2525, "192.0.2.10", "", false)]
    [InlineData("Name=TLSMTA, Port=smtps, M=s", "inet", "TLSMTA", 465, "0.0.0.0", "s", false)]
    [InlineData("A=127.0.0.1, P=26, N=alt", "inet", "alt", 26, "127.0.0.1", "", true)]
    [InlineData("Address=10.0.0.1,Port=25,Name=lan,Modifiers=b E", "inet", "lan", 25, "10.0.0.1", "bE", false)]
    [InlineData("Addr=::1, Family=inet6, Port=587", "inet6", "", 587, "::1", "", true)]
    [InlineData("Family=inet, Addr=127.0.1.1", "inet", "", 25, "127.0.1.1", "", true)]
    [InlineData("Family=inet, Addr=localhost", "inet", "", 25, "localhost", "", true)]
    [InlineData("Family=local, Addr=/var/run/sendmail.sock", "local", "", 25, "/var/run/sendmail.sock", "", false)]
    public void Reads_the_fields_as_Sendmail_does(string value, string family, string name, int port, string address, string modifiers, bool loopbackOnly)
    {
        var d = Parse(value);
        Assert.Equal((family, name, port, address, modifiers, loopbackOnly), (d.Family, d.Name, d.Port, d.Address, d.Modifiers, d.ListensOnLoopbackOnly));
        Assert.Empty(d.Notes);
    }

    [Fact]
    public void The_modifier_helpers_follow_the_letters()
    {
        var msa = Parse("Family=inet,  Name=MSP-v4, Port=submission, M=Ea, Addr=127.0.0.1");
        Assert.True(msa.RequiresAuth);
        Assert.True(msa.NoEtrn);
        Assert.False(msa.Smtps);
        Assert.False(msa.AuthDisabled);
        Assert.False(Parse("Port=587, M=aA").RequiresAuth); // A overrides a
        Assert.True(Parse("Port=smtps, M=s").Smtps);
        Assert.True(Parse("Port=smtp, M=S").NoStartTls);
        Assert.False(Parse("Port=smtp, M=A").RequiresAuth);
    }

    [Fact]
    public void Pairs_keep_what_was_written_and_Get_takes_any_spelling()
    {
        var d = Parse("Family=inet,  Name=MSP-v4, Port=submission, M=Ea, Addr=127.0.0.1");
        Assert.Equal(new[] { "Family", "Name", "Port", "M", "Addr" }, d.Pairs.Select(p => p.Key).ToArray());
        Assert.Equal("submission", d.Pairs[2].Value);
        Assert.Equal("127.0.0.1", d.Get("A"));
        Assert.Equal("127.0.0.1", d.Get("address"));
        Assert.Equal("Ea", d.Get("Modifier"));
        Assert.Null(d.Get("Listen"));
        Assert.Equal("MSP-v4 inet 127.0.0.1:587 M=Ea", d.ToString());
    }

    [Theory]
    [InlineData("Port=smtp, Xyzzy=1", SendmailNoteKind.Syntax, "unknown key \"Xyzzy\"")]
    [InlineData("Port=smtp, Frobnicate=1", SendmailNoteKind.Suspicious, "Sendmail reads Frobnicate= as Family=")]
    [InlineData("Port=smtp, Children=10", SendmailNoteKind.Syntax, "write children=")]
    [InlineData("Port=smtp, RefuseLA=8", SendmailNoteKind.Suspicious, "RefuseLA= sets RcvBufSize, not refuseLA")]
    [InlineData("Port=smtp, DelayLA=8", SendmailNoteKind.Suspicious, "DelayLA= sets DeliveryMode, not delayLA")]
    [InlineData("Port=smtp, smtp", SendmailNoteKind.Suspicious, "\"smtp\" has no '='")]
    [InlineData("Family=inet6 , Name=MTA-v6", SendmailNoteKind.UnknownValue, "trailing white space")]
    [InlineData("Family=ipx", SendmailNoteKind.UnknownValue, "unknown address family \"ipx\"")]
    [InlineData("Port=submission ,Name=MSA", SendmailNoteKind.UnknownValue, "listens on port 25; remove the space")]
    [InlineData("Port=mailport", SendmailNoteKind.UnknownValue, "is not a mail service name")]
    [InlineData("Family=inet, Addr=::1", SendmailNoteKind.Suspicious, "listens on every IPv4 address (0.0.0.0); add Family=inet6")]
    [InlineData("Family=inet6, Addr=127.0.0.1", SendmailNoteKind.Suspicious, "use Family=inet, or ::ffff:127.0.0.1")]
    public void Notes_what_Sendmail_refuses_or_reads_otherwise(string value, SendmailNoteKind kind, string fragment)
    {
        var note = Assert.Single(Parse(value).Notes);
        Assert.Equal(kind, note.Kind);
        Assert.Contains(fragment, note.Message);
        Assert.Equal("sendmail.cf:237", note.Origin);
    }

    [Fact]
    public void An_IPv6_address_on_an_inet_daemon_leaves_it_listening_everywhere()
    {
        var d = Parse("Family=inet, Name=MTA, Addr=::1");
        Assert.Equal("0.0.0.0", d.Address);
        Assert.True(d.ListensOnAllAddresses);
        Assert.False(d.ListensOnLoopbackOnly);
    }

    [Fact]
    public void A_misspelt_family_leaves_the_daemon_on_inet()
    {
        var d = Parse("Family=inet6 , Name=MTA-v6, Addr=::1");
        Assert.Equal("inet", d.Family);
        Assert.Equal(2, d.Notes.Count); // the family, then ::1 on an inet daemon
        Assert.Equal("0.0.0.0", d.Address);
    }
}
