using RelayTools.Core.Dns;
using RelayTools.Core.Dns.Dkim;

namespace RelayTools.Core.Tests.Dns.Dkim;

public class DkimKeyCheckTests
{
    private static DkimKeyCheckResult Check(DnsTestZone zone, string selector = "sel1", string domain = "corp.example")
        => new DkimKeyCheck(zone).Check(selector, domain);

    [Fact]
    public void A_published_2048_bit_key_is_valid()
    {
        var zone = new DnsTestZone().Txt("sel1._domainkey.corp.example", "v=DKIM1; k=rsa; p=" + DkimTestKeys.Rsa2048);

        DkimKeyCheckResult result = Check(zone, "Sel1", "Corp.Example.");

        Assert.Equal(DkimKeyStatus.Valid, result.Status);
        Assert.True(result.Found);
        Assert.True(result.Valid);
        Assert.Equal("sel1._domainkey.corp.example", result.Name);
        Assert.Equal(DkimKeyType.Rsa, result.KeyType);
        Assert.Equal(2048, result.KeyBits);
        Assert.Equal("", result.SuggestedRecord);
        Assert.Equal(["TXT sel1._domainkey.corp.example"], zone.Queries);
    }

    [Fact]
    public void A_dotted_selector_is_a_name_under_domainkey()
    {
        // RFC 6376 3.1: selectors may have several labels.
        var zone = new DnsTestZone().Txt("2026.july._domainkey.corp.example", "v=DKIM1; k=ed25519; p=" + DkimTestKeys.Ed25519);

        DkimKeyCheckResult result = Check(zone, "2026.july");

        Assert.Equal(DkimKeyStatus.Valid, result.Status);
        Assert.Equal(DkimKeyType.Ed25519, result.KeyType);
    }

    [Fact]
    public void A_missing_key_gets_a_template_and_no_invented_key()
    {
        DkimKeyCheckResult result = Check(new DnsTestZone());

        Assert.Equal(DkimKeyStatus.NotFound, result.Status);
        Assert.False(result.Found);
        Assert.False(result.Valid);
        Assert.Equal("v=DKIM1; k=rsa; p=<the public key your signer gives>", result.SuggestedRecord);
        Assert.Equal("sel1._domainkey.corp.example", result.SuggestedRecordName);
        Assert.Contains(result.Problems, p => p.Contains("does not exist"));
    }

    [Fact]
    public void A_revoked_key_is_reported_with_a_template()
    {
        var zone = new DnsTestZone().Txt("sel1._domainkey.corp.example", "v=DKIM1; p=");

        DkimKeyCheckResult result = Check(zone);

        Assert.Equal(DkimKeyStatus.Revoked, result.Status);
        Assert.True(result.Revoked);
        Assert.False(result.Valid);
        Assert.Equal("v=DKIM1; k=rsa; p=<the public key your signer gives>", result.SuggestedRecord);
    }

    [Fact]
    public void A_weak_key_needs_a_new_key_not_a_copy()
    {
        var zone = new DnsTestZone().Txt("sel1._domainkey.corp.example", "v=DKIM1; k=rsa; h=sha256; p=" + DkimTestKeys.Rsa512);

        DkimKeyCheckResult result = Check(zone);

        Assert.Equal(DkimKeyStatus.Invalid, result.Status);
        Assert.Equal(512, result.KeyBits);
        Assert.Equal("v=DKIM1; k=rsa; h=sha256; p=<the public key your signer gives>", result.SuggestedRecord);
    }

    [Fact]
    public void A_wrongly_encoded_key_is_republished_re_encoded()
    {
        var zone = new DnsTestZone().Txt("sel1._domainkey.corp.example", "v=DKIM1; k=ed25519; p=" + DkimTestKeys.Ed25519Spki);

        DkimKeyCheckResult result = Check(zone);

        Assert.Equal(DkimKeyStatus.Invalid, result.Status);
        Assert.Equal("v=DKIM1; k=ed25519; p=" + DkimTestKeys.Ed25519, result.SuggestedRecord);
    }

    [Fact]
    public void A_record_with_another_version_is_discarded()
    {
        var zone = new DnsTestZone().Txt("sel1._domainkey.corp.example", "v=spf1 -all");

        DkimKeyCheckResult result = Check(zone);

        Assert.Equal(DkimKeyStatus.NotFound, result.Status);
        Assert.Contains(result.Notes, n => n.Contains("ignored: its v= is not DKIM1"));
    }

    [Fact]
    public void Several_records_are_a_problem()
    {
        var zone = new DnsTestZone().Txt("sel1._domainkey.corp.example",
            "v=DKIM1; p=" + DkimTestKeys.Rsa2048, "v=DKIM1; k=ed25519; p=" + DkimTestKeys.Ed25519);

        DkimKeyCheckResult result = Check(zone);

        Assert.Equal(DkimKeyStatus.Invalid, result.Status);
        Assert.Equal(2, result.Records.Length);
        Assert.Contains(result.Problems, p => p.StartsWith("2 key records", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_timeout_is_a_temporary_error_naming_the_server()
    {
        var zone = new DnsTestZone().Fail("sel1._domainkey.corp.example", "TXT", DnsLookupStatus.Timeout);

        DkimKeyCheckResult result = Check(zone);

        Assert.Equal(DkimKeyStatus.TempError, result.Status);
        Assert.Contains(result.Problems, p => p.Contains("timeout asking " + DnsTestZone.ServerName));
        Assert.Equal("", result.SuggestedRecord);
    }

    [Fact]
    public void A_bad_selector_is_not_looked_up()
    {
        var zone = new DnsTestZone();

        DkimKeyCheckResult result = Check(zone, "bad selector");

        Assert.Equal(DkimKeyStatus.NotFound, result.Status);
        Assert.Empty(zone.Queries);
        Assert.NotEmpty(result.Problems);
    }
}
