using System;
using System.IO;
using System.Linq;
using RelayTools.Core.Postfix;
using RelayTools.Core.Sendmail;

namespace RelayTools.Core.Tests.Sendmail;

/// <summary>The linter and the settings over examples/sendmail (compiled by the real m4 files of 8.17.1).</summary>
public class SendmailLinterTests
{
    static SendmailConfiguration Example()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "RelayTools.sln"))) dir = dir.Parent;
        return SendmailConfiguration.ReadDirectory(Path.Combine(dir!.FullName, "examples", "sendmail"), "ignored.example");
    }

    [Fact]
    public void The_example_has_a_missing_access_db_loopback_daemons_and_a_CIDR_key()
    {
        var findings = SendmailLinter.Check(Example());
        Assert.Equal(["MapNotRebuilt", "ListensOnLoopbackOnly", "AccessSuspicious"], findings.Select(f => f.Id));
        var db = findings[0];
        Assert.Equal(FindingSeverity.Error, db.Severity);
        Assert.Equal(["makemap hash /etc/mail/access < /etc/mail/access"], db.Fix);
        Assert.Equal("access:3", findings[2].Origin);
    }

    [Fact]
    public void A_wide_or_public_Connect_RELAY_is_found_with_a_narrower_line()
    {
        var config = Example();
        config.SetMapSource("access", SendmailAccessFile.Parse("Connect:198.51.100 RELAY\nConnect:10 RELAY\nConnect:10.20.1.5 RELAY\nConnect:192.168.1.7 OK\n", "access"));
        var wide = SendmailLinter.Check(config).Where(f => f.Id == "ConnectRelayWide").ToList();
        Assert.Equal(["access:1", "access:2"], wide.Select(f => f.Origin));
        Assert.Equal(FindingSeverity.Error, wide[0].Severity);
        Assert.Equal(FindingSeverity.Warning, wide[1].Severity);
        Assert.Contains("Connect:198.51.100.1\tRELAY", wide[0].Fix);
        Assert.Contains(SendmailLinter.Check(config), f => f.Id == "ConnectOkIsNotRelay" && f.Origin == "access:4");
    }

    [Fact]
    public void Settings_name_each_member_of_class_w_and_R_with_its_origin()
    {
        var s = SendmailRelaySetting.From(Example());
        Assert.Equal("local-host-names:2", s.LocalHostNames.Single(m => m.Value == "corp.example").Origin);
        Assert.Equal("relay-domains:1", s.RelayDomains.Single(m => m.Value == "branch.example").Origin);
        Assert.Equal("sendmail.mc:18", s.Features.Single(f => f.Name == "relay_entire_domain").Origin);
        Assert.Equal([25, 587], s.Daemons.Select(d => d.Port));
        Assert.All(s.Daemons, d => Assert.True(d.LoopbackOnly));
        Assert.False(s.Databases.Single().Current);
    }
}
