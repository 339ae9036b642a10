using System.Linq;
using RelayTools.Core.Sendmail;

namespace RelayTools.Core.Tests.Sendmail;

public class SendmailAccessFileTests
{
    static SendmailAccessEntry One(string line)
    {
        var file = SendmailAccessFile.Parse(line + "\n", "access");
        return Assert.Single(file.Entries);
    }

    [Theory]
    // Tags and key kinds (cf/README "ANTI-SPAM CONFIGURATION CONTROL").
    [InlineData("Connect:10.20.1\tRELAY", "Connect", "10.20.1", SendmailAccessKeyKind.IPv4Prefix, "RELAY", null, null, null)]
    [InlineData("connect:192.168.1.17 ok", "connect", "192.168.1.17", SendmailAccessKeyKind.IPv4Prefix, "OK", null, null, null)]
    [InlineData("Connect:128.32.2\t\tSKIP", "Connect", "128.32.2", SendmailAccessKeyKind.IPv4Prefix, "SKIP", null, null, null)]
    [InlineData("Connect:IPv6:2001:db8:0:0:0:0:0:1\tRELAY", "Connect", "IPv6:2001:db8:0:0:0:0:0:1", SendmailAccessKeyKind.IPv6Prefix, "RELAY", null, null, null)]
    [InlineData("IPv6:2001:db8\tRELAY", "", "IPv6:2001:db8", SendmailAccessKeyKind.IPv6Prefix, "RELAY", null, null, null)]
    [InlineData("From:spammer@aol.com\t\t\tREJECT", "From", "spammer@aol.com", SendmailAccessKeyKind.Address, "REJECT", null, null, null)]
    [InlineData("cyberspammer.com\tREJECT", "", "cyberspammer.com", SendmailAccessKeyKind.Domain, "REJECT", null, null, null)]
    [InlineData("Connect:TLD\t\tREJECT", "Connect", "TLD", SendmailAccessKeyKind.Domain, "REJECT", null, null, null)]
    [InlineData("Connect:[127.0.0.3]\t\tOK", "Connect", "[127.0.0.3]", SendmailAccessKeyKind.AddressLiteral, "OK", null, null, null)]
    [InlineData("Spam:abuse@\tFRIEND", "Spam", "abuse@", SendmailAccessKeyKind.User, "FRIEND", null, null, null)]
    [InlineData("Compat:sender@example.com<@>rcpt@example.org\tDISCARD", "Compat", "sender@example.com<@>rcpt@example.org", SendmailAccessKeyKind.Other, "DISCARD", null, null, null)]
    [InlineData("CertIssuer:/C=US/ST=California/O=endmail.org/OU=private/CN=Darth+20Mail+20+28Cert+29/emailAddress=darth+2Bcert@endmail.org\tRELAY",
        "CertIssuer", "/C=US/ST=California/O=endmail.org/OU=private/CN=Darth+20Mail+20+28Cert+29/emailAddress=darth+2Bcert@endmail.org", SendmailAccessKeyKind.Other, "RELAY", null, null, null)]
    [InlineData("Connect:suspicious.example.com\tQUARANTINE:Mail from suspicious host", "Connect", "suspicious.example.com", SendmailAccessKeyKind.Domain, "QUARANTINE", null, null, "Mail from suspicious host")]
    // Settings, not decisions: no action.
    [InlineData("GreetPause:10.1.2\t2000", "GreetPause", "10.1.2", SendmailAccessKeyKind.IPv4Prefix, "", null, null, null)]
    [InlineData("ClientRate:\t\t\t\t10", "ClientRate", "", SendmailAccessKeyKind.Empty, "", null, null, null)]
    [InlineData("TLS_Srv:secure.example.com\tENCR:112", "TLS_Srv", "secure.example.com", SendmailAccessKeyKind.Domain, "", null, null, null)]
    // Error values: the replies the real Sendmail 8.17.1 daemon sent for them (lab, Connect: entries, RCPT to a local user).
    [InlineData("From:FREE.STEALTH.MAILER@\tERROR:550 Spam not accepted", "From", "FREE.STEALTH.MAILER@", SendmailAccessKeyKind.User, "ERROR", 550, "5.0.0", "Spam not accepted")]
    [InlineData("From:cyberspammer.com\tERROR:\"550 We don't accept mail from spammers\"", "From", "cyberspammer.com", SendmailAccessKeyKind.Domain, "ERROR", 550, "5.0.0", "We don't accept mail from spammers")]
    [InlineData("Connect:10.9.8.7\tERROR:5.7.1:550 Relaying denied", "Connect", "10.9.8.7", SendmailAccessKeyKind.IPv4Prefix, "ERROR", 550, "5.7.1", "Relaying denied")]
    [InlineData("Connect:10.9.8.7\tERROR:5.7.1:\"550 Relaying denied\"", "Connect", "10.9.8.7", SendmailAccessKeyKind.IPv4Prefix, "ERROR", 550, "5.7.1", "Relaying denied")]
    [InlineData("Connect:10.9.8.7\tERROR:\"550 5.7.1 No relay here\"", "Connect", "10.9.8.7", SendmailAccessKeyKind.IPv4Prefix, "ERROR", 550, "5.7.1", "No relay here")]
    [InlineData("Connect:10.9.8.7\tERROR:\"5.7.1:550 Relaying denied\"", "Connect", "10.9.8.7", SendmailAccessKeyKind.IPv4Prefix, "ERROR", 553, "5.3.0", "5.7.1:550 Relaying denied")]
    [InlineData("Connect:10.9.8.7\tERROR:5.7.1 550 no colon", "Connect", "10.9.8.7", SendmailAccessKeyKind.IPv4Prefix, "ERROR", 553, "5.3.0", "5.7.1 550 no colon")]
    [InlineData("To:user@example.com\tERROR:450 mailbox full", "To", "user@example.com", SendmailAccessKeyKind.Address, "ERROR", 450, "4.0.0", "mailbox full")]
    [InlineData("To:user@example.com\tERROR:4.2.2:450 mailbox full", "To", "user@example.com", SendmailAccessKeyKind.Address, "ERROR", 450, "4.2.2", "mailbox full")]
    [InlineData("Connect:10.9.8.7\terror:550 lower case", "Connect", "10.9.8.7", SendmailAccessKeyKind.IPv4Prefix, "ERROR", 550, "5.0.0", "lower case")]
    [InlineData("Connect:10.9.8.7\t\"550 old style\"", "Connect", "10.9.8.7", SendmailAccessKeyKind.IPv4Prefix, "ERROR", 550, "5.0.0", "old style")]
    // Free text: the error mailer's 553 5.3.0.
    [InlineData("Connect:10.1\tPERMIT", "Connect", "10.1", SendmailAccessKeyKind.IPv4Prefix, "PERMIT", 553, "5.3.0", "PERMIT")]
    [InlineData("To:example.com\tRELAY # office", "To", "example.com", SendmailAccessKeyKind.Domain, "RELAY # office", 553, "5.3.0", "RELAY # office")]
    [InlineData("Connect:10.1\tFRIEND", "Connect", "10.1", SendmailAccessKeyKind.IPv4Prefix, "FRIEND", 553, "5.3.0", "FRIEND")]
    // The tag is the name before the first colon only when it is a tag; an unknown name there is still taken as one.
    [InlineData("Conect:10.1\tRELAY", "Conect", "10.1", SendmailAccessKeyKind.IPv4Prefix, "RELAY", null, null, null)]
    [InlineData("Connect:10.20.1.0/24\tRELAY", "Connect", "10.20.1.0/24", SendmailAccessKeyKind.Other, "RELAY", null, null, null)]
    public void Reads_tag_key_and_value_as_Sendmail_does(string line, string tag, string key, SendmailAccessKeyKind kind, string action, int? code, string? enhanced, string? text)
    {
        var e = One(line);
        Assert.Equal((tag, key, kind, action, code, enhanced, text), (e.Tag, e.Key, e.KeyKind, e.Action, e.ReplyCode, e.EnhancedStatusCode, e.ReplyText));
        Assert.Equal(line, e.Text);
        Assert.Equal("access:1", e.Origin);
    }

    [Fact]
    public void The_reply_is_the_line_the_daemon_sends()
    {
        Assert.Equal("550 5.7.1 Relaying denied", One("Connect:10.9.8.7\tERROR:5.7.1:\"550 Relaying denied\"").Reply);
        Assert.Equal("553 5.3.0 RELAY # office", One("To:example.com\tRELAY # office").Reply);
        Assert.Null(One("Connect:10.9.8.7\tRELAY").Reply);
    }

    [Theory]
    [InlineData("Connect:10.20.1.0/24\tRELAY", SendmailNoteKind.Suspicious, "write Connect:10.20.1")]
    [InlineData("Connect:10.20.0.0/22\tRELAY", SendmailNoteKind.Suspicious, "Connect:10.20.0, Connect:10.20.1, Connect:10.20.2, Connect:10.20.3")]
    [InlineData("Connect:10.20.1.0\tRELAY", SendmailNoteKind.Suspicious, "matches only the host 10.20.1.0, not a network: Sendmail matches by whole octets; for 10.20.1.0/24 write Connect:10.20.1")]
    [InlineData("Connect:192.168.5.0\tOK", SendmailNoteKind.Suspicious, "for 192.168.5.0/24 write Connect:192.168.5")]
    [InlineData("Connect:10.20.1.\tRELAY", SendmailNoteKind.Suspicious, "ends with a dot")]
    [InlineData("Connect:10.300\tRELAY", SendmailNoteKind.Suspicious, "not an IPv4 address")]
    [InlineData("Connect:10.1\tPERMIT", SendmailNoteKind.UnknownValue, "\"PERMIT\" is not an access value")]
    [InlineData("To:example.com\tRELAY # office", SendmailNoteKind.Suspicious, "answers 553 5.3.0 RELAY # office instead of RELAY")]
    [InlineData("To:example.com\tRELAY everyone", SendmailNoteKind.Suspicious, "not RELAY")]
    [InlineData("Conect:10.1\tRELAY", SendmailNoteKind.UnknownTag, "did you mean Connect:?")]
    [InlineData("Relay:10.1\tRELAY", SendmailNoteKind.UnknownTag, "unknown tag \"Relay:\"")]
    // Sendmail 8.17 writes ${client_addr} uncompressed and without leading zeros (IPV6_FULL): in the lab, a client on ::1
    // matched Connect:IPv6:0:0:0:0:0:0:0:1 and Connect:IPv6:0:0:0:0:0:0:0, never Connect:IPv6:::1 or Connect:IPv6:0:0:0:0:0:0:0:01.
    [InlineData("Connect:IPv6:::1\tRELAY", SendmailNoteKind.Suspicious, "write Connect:IPv6:0:0:0:0:0:0:0:1")]
    [InlineData("Connect:IPv6:2001:db8::\tRELAY", SendmailNoteKind.Suspicious, "write Connect:IPv6:2001:db8")]
    [InlineData("Connect:IPv6:2002:c0a8:02c7\tRELAY", SendmailNoteKind.Suspicious, "write Connect:IPv6:2002:c0a8:2c7")]
    [InlineData("Connect:IPv6:2001:zz8\tRELAY", SendmailNoteKind.Suspicious, "not an IPv6 address")]
    [InlineData("Connect:10.9.8.7\tERROR:\"5.7.1:550 Relaying denied\"", SendmailNoteKind.Suspicious, "the status code goes outside the quotes: ERROR:5.7.1:\"550 Relaying denied\"")]
    [InlineData("Connect:10.9.8.7\tERROR:Relaying denied", SendmailNoteKind.Suspicious, "so Sendmail answers 553 5.3.0 Relaying denied")]
    [InlineData("To:user@example.com\tERROR:5.7.1:450 try later", SendmailNoteKind.Suspicious, "disagree")]
    [InlineData("Connect:10.1\tFRIEND", SendmailNoteKind.Suspicious, "FRIEND only means something in Spam: entries")]
    [InlineData("From:user@example.com\tSKIP", SendmailNoteKind.Suspicious, "SKIP only works for host names")]
    [InlineData("GreetPause:\t5000", SendmailNoteKind.Suspicious, "the default pause is FEATURE(`greet_pause')'s argument")]
    [InlineData("Connect: 10.1 RELAY", SendmailNoteKind.Suspicious, "a space after the colon made \"10.1 RELAY\" the value")]
    [InlineData("GreetPause:10.1\t5000 # five seconds", SendmailNoteKind.Suspicious, "makemap keeps the comment in the value: Sendmail sees \"5000 # five seconds\", not \"5000\"")]
    [InlineData("Connect:10.9.8.7\tERROR:\"550 no\" # spam", SendmailNoteKind.Suspicious, "makemap keeps the comment in the value")]
    [InlineData("ClientConn:10.1\tmany", SendmailNoteKind.UnknownValue, "ClientConn wants a number")]
    public void Notes_what_never_matches_or_is_not_what_it_seems(string line, SendmailNoteKind kind, string fragment)
    {
        var note = Assert.Single(SendmailAccessFile.Parse(line + "\n", "/etc/mail/access").Notes);
        Assert.Equal(kind, note.Kind);
        Assert.Contains(fragment, note.Message);
        Assert.Equal("/etc/mail/access:1", note.Origin);
    }

    [Theory]
    [InlineData("Connect:10.20.1\tRELAY")]
    [InlineData("Connect:IPv6:2001:db8:0:0:0:0:0:1\tRELAY")]
    [InlineData("From:cyberspammer.com\tERROR:\"550 We don't accept mail from spammers\"")]
    [InlineData("To:user@example.com\tERROR:4.2.2:450 mailbox full")]
    [InlineData("ClientRate:\t10")]
    [InlineData("Spam:abuse@\tFRIEND")]
    [InlineData("To:trail.example\tRELAY   ")]
    public void Good_lines_have_no_notes(string line) => Assert.Empty(SendmailAccessFile.Parse(line + "\n", "access").Notes);

    [Fact]
    public void Lines_makemap_refuses_are_notes_with_their_line_and_the_rest_is_read()
    {
        // What makemap -v hash access.db < access (8.17.1) printed for this file:
        //   line 4: key connect:10.20.1: duplicate key
        //   line 5: no RHS for LHS novalue
        //   line 6: syntax error (leading space)      (also lines 7 and 8)
        // and it stored lines 3, 9, 10 and the first connect:10.20.1 (line 3 wins), exiting 65.
        string text = "# office networks\n\nConnect:10.20.1\tRELAY\nconnect:10.20.1\tREJECT\nnovalue\n   Connect:10.9 RELAY\n   \n\t# indented comment\n"
            + "To:example.com\tRELAY\nSpam:abuse@\tFRIEND\n";
        var file = SendmailAccessFile.Parse(text, "access");
        Assert.Equal(new[] { "access:4", "access:5", "access:6", "access:7", "access:8" }, file.Notes.Select(n => n.Origin).ToArray());
        Assert.All(file.Notes, n => Assert.Equal(SendmailNoteKind.Syntax, n.Kind));
        Assert.Contains("makemap keeps access:3 (RELAY)", file.Notes[0].Message);
        Assert.Contains("no RHS for LHS", file.Notes[1].Message);
        Assert.Contains("indented comment is not a comment", file.Notes[4].Message);
        Assert.Equal(new[] { 3, 4, 9, 10 }, file.Entries.Select(e => e.Line).ToArray());
        Assert.True(file.Entries[1].IsDuplicate);
        Assert.Equal("RELAY", file.Lookup("Connect:10.20.1"));
        Assert.Equal("FRIEND", file.Lookup("spam:abuse@"));
        Assert.Null(file.Lookup("Connect:10.9"));
    }

    [Theory]
    [InlineData("connect:mixedcase.example.com")]
    [InlineData("CONNECT:MIXEDCASE.EXAMPLE.COM")]
    [InlineData("Connect:MixedCase.Example.COM")]
    public void Lookup_folds_case_as_makemap_and_sendmail_do(string key)
    {
        var file = SendmailAccessFile.Parse("CONNECT:MixedCase.Example.COM\tOK\n", "access");
        Assert.Equal("OK", file.Lookup(key));
        Assert.Equal("connect:mixedcase.example.com", file.Find(key)!.LookupKey);
        Assert.Equal("CONNECT", file.Find(key)!.Tag);
    }

    [Fact]
    public void The_value_is_kept_as_makemap_stores_it()
    {
        // makemap -u showed "to:trail.example<TAB>RELAY   " and "crlf.example<TAB>RELAY^M": trailing white space stays.
        var file = SendmailAccessFile.Parse("To:trail.example\tRELAY   \r\ncrlf.example\tRELAY\r\n", "access");
        Assert.Equal(new[] { "RELAY   \r", "RELAY\r" }, file.Entries.Select(e => e.Value).ToArray());
        Assert.All(file.Entries, e => Assert.Equal("RELAY", e.Action));
        Assert.Equal("crlf.example\tRELAY", file.Entries[1].Text);
        Assert.Empty(file.Notes);
    }

    [Fact]
    public void A_byte_order_mark_is_reported_because_it_becomes_part_of_the_first_key()
    {
        var file = SendmailAccessFile.Parse("\uFEFFConnect:10.1\tRELAY\n", "access");
        Assert.Contains(file.Notes, n => n.Kind == SendmailNoteKind.Suspicious && n.Message.Contains("byte order mark"));
        Assert.Null(file.Lookup("Connect:10.1"));
    }

    [Fact]
    public void Debians_default_access_file_has_dead_IPv6_and_GreetPause_default_lines()
    {
        var file = SendmailAccessFile.Parse(SendmailFixtures.DebianAccess, "/etc/mail/access");
        Assert.Equal(19, file.Entries.Count);
        Assert.Equal("RELAY", file.Lookup("Connect:127"));
        Assert.Equal("FRIEND", file.Lookup("Spam:postmaster@"));
        Assert.Equal("REJECT", file.Find("reject@")!.Action);
        Assert.Equal(SendmailAccessKeyKind.User, file.Find("reject@")!.KeyKind);
        // Connect:IPv6:::1, GreetPause:IPv6:::1, ClientRate:IPv6:::1, ClientConn:IPv6:::1 and the empty GreetPause: key.
        Assert.Equal(5, file.Notes.Count);
        Assert.All(file.Notes, n => Assert.Equal(SendmailNoteKind.Suspicious, n.Kind));
        Assert.Equal(4, file.Notes.Count(n => n.Message.Contains("IPv6:0:0:0:0:0:0:0:1")));
        Assert.Contains(file.Notes, n => n.Message.Contains("\"GreetPause:\" has nothing after the colon"));
    }
}
