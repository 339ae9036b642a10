using System;
using RelayTools.Core.Dns.Dkim;

namespace RelayTools.Core.Tests.Dns.Dkim;

public class DkimKeyRecordParserTests
{
    private static bool Has(string[] texts, string part) => Array.Exists(texts, t => t.Contains(part, StringComparison.Ordinal));

    [Fact]
    public void A_2048_bit_rsa_key_is_valid()
    {
        DkimKeyRecord record = DkimKeyRecordParser.Parse("v=DKIM1; k=rsa; p=" + DkimTestKeys.Rsa2048);

        Assert.True(record.Valid);
        Assert.Empty(record.Problems);
        Assert.Empty(record.Notes);
        Assert.Equal(DkimKeyType.Rsa, record.KeyType);
        Assert.Equal(2048, record.KeyBits);
        Assert.False(record.Revoked);
    }

    [Fact]
    public void K_and_v_default_and_white_space_in_p_is_ignored()
    {
        // RFC 6376 3.6.1: v= is recommended, k= defaults to rsa; 3.2: FWS may break a long base64 value.
        string key = DkimTestKeys.Rsa2048;
        DkimKeyRecord record = DkimKeyRecordParser.Parse($"p={key.Substring(0, 100)} {key.Substring(100, 100)}\t{key.Substring(200)};");

        Assert.True(record.Valid);
        Assert.Equal(2048, record.KeyBits);
        Assert.Equal("", record.Version);
    }

    [Fact]
    public void A_1024_bit_key_is_valid_with_a_warning()
    {
        DkimKeyRecord record = DkimKeyRecordParser.Parse("v=DKIM1; p=" + DkimTestKeys.Rsa1024);

        Assert.True(record.Valid);
        Assert.Equal(1024, record.KeyBits);
        Assert.True(Has(record.Notes, "at least 2048 is recommended (RFC 8301 3.2)"));
    }

    [Fact]
    public void A_512_bit_key_is_refused()
    {
        // RFC 8301 3.2: verifiers must not accept signatures with keys under 1024 bits.
        DkimKeyRecord record = DkimKeyRecordParser.Parse("v=DKIM1; k=rsa; p=" + DkimTestKeys.Rsa512);

        Assert.False(record.Valid);
        Assert.Equal(512, record.KeyBits);
        Assert.True(Has(record.Problems, "the RSA key is 512 bits"));
    }

    [Fact]
    public void An_empty_p_is_a_revoked_key()
    {
        // RFC 6376 3.6.1: "An empty value means that this public key has been revoked."
        DkimKeyRecord record = DkimKeyRecordParser.Parse("v=DKIM1; k=rsa; p=");

        Assert.True(record.Revoked);
        Assert.False(record.Valid);
        Assert.Empty(record.Problems);
        Assert.Equal(0, record.KeyBits);
    }

    [Fact]
    public void The_rfc_8463_ed25519_key_is_valid()
    {
        // RFC 8463 Appendix A.2: brisbane._domainkey.football.example.com.
        DkimKeyRecord record = DkimKeyRecordParser.Parse("v=DKIM1; k=ed25519; p=" + DkimTestKeys.Ed25519);

        Assert.True(record.Valid);
        Assert.Equal(DkimKeyType.Ed25519, record.KeyType);
        Assert.Equal(256, record.KeyBits);
    }

    [Fact]
    public void An_spki_wrapped_ed25519_key_is_refused_and_repaired()
    {
        DkimKeyRecord record = DkimKeyRecordParser.Parse("v=DKIM1; k=ed25519; p=" + DkimTestKeys.Ed25519Spki);

        Assert.False(record.Valid);
        Assert.True(Has(record.Problems, "RFC 8463 3 wants the bare 32-byte key"));
        Assert.Equal(DkimTestKeys.Ed25519, record.RepairedPublicKey);
    }

    [Fact]
    public void An_ed25519_key_without_k_is_explained()
    {
        DkimKeyRecord record = DkimKeyRecordParser.Parse("v=DKIM1; p=" + DkimTestKeys.Ed25519);

        Assert.False(record.Valid);
        Assert.True(Has(record.Problems, "write k=ed25519"));
    }

    [Fact]
    public void An_rsa_key_under_k_ed25519_is_explained()
    {
        DkimKeyRecord record = DkimKeyRecordParser.Parse("v=DKIM1; k=ed25519; p=" + DkimTestKeys.Rsa2048);

        Assert.False(record.Valid);
        Assert.True(Has(record.Problems, "2048-bit RSA key: write k=rsa"));
    }

    [Fact]
    public void A_pkcs1_key_is_refused_and_re_encoded_as_spki()
    {
        DkimKeyRecord record = DkimKeyRecordParser.Parse("v=DKIM1; k=rsa; p=" + DkimTestKeys.Rsa2048Pkcs1);

        Assert.False(record.Valid);
        Assert.Equal(2048, record.KeyBits);
        Assert.True(Has(record.Problems, "PKCS#1"));
        Assert.Equal(DkimTestKeys.Rsa2048, record.RepairedPublicKey);
    }

    [Theory]
    [InlineData("v=DKIM1; k=rsa; p=not*base64", "not valid base64")]
    [InlineData("v=DKIM1; k=rsa; p=AAAA", "not an RSA public key")]
    [InlineData("v=DKIM1; k=rsa", "p= is missing")]
    [InlineData("v=DKIM2; p=KEY", "v=DKIM2: must be DKIM1")]
    [InlineData("k=rsa; v=DKIM1; p=KEY", "v= must be the first tag")]
    [InlineData("v=DKIM1; k=dsa; p=KEY", "k=dsa")]
    [InlineData("v=DKIM1; h=sha1; p=KEY", "rsa-sha1 must not be used")]
    [InlineData("v=DKIM1; s=tlsrpt; p=KEY", "the key is not for email")]
    [InlineData("v=DKIM1; p=KEY; p=KEY", "p= appears twice")]
    [InlineData("v=DKIM1; junk; p=KEY", "'junk' is not a tag=value pair")]
    public void Broken_records_are_explained(string text, string problem)
    {
        DkimKeyRecord record = DkimKeyRecordParser.Parse(text.Replace("KEY", DkimTestKeys.Rsa2048));

        Assert.False(record.Valid);
        Assert.True(Has(record.Problems, problem), string.Join(" | ", record.Problems));
    }

    [Theory]
    [InlineData("v=DKIM1; h=sha1:sha256; p=KEY")]
    [InlineData("v=DKIM1; h=sha256; s=email; p=KEY")]
    [InlineData("v=DKIM1; s=*; n=rotated 2026; p=KEY")]
    [InlineData("v=DKIM1; k=rsa; t=s; p=KEY; x=future")]
    public void Restrictions_that_allow_email_with_sha256_are_valid(string text)
    {
        Assert.True(DkimKeyRecordParser.Parse(text.Replace("KEY", DkimTestKeys.Rsa2048)).Valid);
    }

    [Fact]
    public void Testing_mode_is_valid_with_a_note()
    {
        DkimKeyRecord record = DkimKeyRecordParser.Parse("v=DKIM1; t=y:s; p=" + DkimTestKeys.Rsa2048);

        Assert.True(record.Valid);
        Assert.True(record.Testing);
        Assert.True(record.StrictSubdomains);
        Assert.True(Has(record.Notes, "t=y"));
    }

    [Fact]
    public void Tag_names_are_case_sensitive()
    {
        DkimKeyRecord record = DkimKeyRecordParser.Parse("v=DKIM1; P=" + DkimTestKeys.Rsa2048);

        Assert.False(record.Valid);
        Assert.True(Has(record.Problems, "p= is missing"));
        Assert.True(Has(record.Notes, "write p="));
    }
}
