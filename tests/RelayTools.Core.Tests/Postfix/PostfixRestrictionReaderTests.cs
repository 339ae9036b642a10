using System.Linq;
using RelayTools.Core.Postfix;

namespace RelayTools.Core.Tests.Postfix;

public class PostfixRestrictionReaderTests
{
    [Fact]
    public void Lists_restrictions_with_arguments_kinds_and_reachability()
    {
        var config = PostfixConfigReader.ReadText(string.Join("\n",
            "smtpd_restriction_classes = staff_only",
            "staff_only = check_sender_access hash:/etc/postfix/staff, reject",
            "smtpd_recipient_restrictions = check_client_access cidr:/etc/postfix/clients.cidr,",
            "   warn_if_reject reject_rbl_client zen.example, staff_only, permit, reject_unauth_destination, permit_mynetwork"));
        var service = config.SmtpdServices().Single();
        var all = PostfixRestrictionReader.ReadAll(config, service, new System.Collections.Generic.List<PostfixConfigNote>());
        var recipient = all.Where(r => r.List == "smtpd_recipient_restrictions").ToList();
        Assert.Equal(new[] { "check_client_access", "warn_if_reject", "staff_only", "permit", "reject_unauth_destination", "permit_mynetwork" }, recipient.Select(r => r.Name));
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, recipient.Select(r => r.Position));
        Assert.Equal("cidr:/etc/postfix/clients.cidr", recipient[0].Argument);
        Assert.Equal("reject_rbl_client zen.example", recipient[1].Argument);
        Assert.Equal(new[] { RestrictionKind.Lookup, RestrictionKind.Conditional, RestrictionKind.Conditional, RestrictionKind.Permit, RestrictionKind.Reject, RestrictionKind.Conditional }, recipient.Select(r => r.Kind));
        Assert.Equal(new[] { true, true, true, true, false, false }, recipient.Select(r => r.Reachable));
        Assert.True(recipient[2].IsClass);
        Assert.False(recipient[5].IsKnown);
        Assert.Equal("main.cf:3".Replace("main.cf", "(pipeline)"), recipient[0].Origin);
        var staff = all.Where(r => r.List == "staff_only").ToList();
        Assert.Equal(new[] { "check_sender_access", "reject" }, staff.Select(r => r.Name));
    }

    [Fact]
    public void The_default_relay_list_comes_from_the_compatibility_level()
    {
        var config = PostfixConfigReader.ReadText("compatibility_level = 3.6\n");
        var relay = PostfixRestrictionReader.Read(config, config.SmtpdServices().Single(), "smtpd_relay_restrictions");
        Assert.Equal(new[] { "permit_mynetworks", "permit_sasl_authenticated", "defer_unauth_destination" }, relay.Select(r => r.Name));
        Assert.All(relay, r => Assert.Equal("default", r.Origin));
    }
}
