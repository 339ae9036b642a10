using System;
using System.IO;
using System.Net;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Tests.Smtp;

// -ClientCertificate files as admins have them: PFX with or without a password, PEM with the certificate
// and its key in one file (PKCS#8, traditional RSA, EC, encrypted), and the ways they go wrong.
public sealed class ClientCertificateFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "relaytools-ccert-" + Guid.NewGuid().ToString("N"));

    public ClientCertificateFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("pkcs8")]
    [InlineData("rsa")]
    [InlineData("ec")]
    [InlineData("ec-pkcs8")]
    [InlineData("key-first")]
    public void A_PEM_file_with_certificate_and_key_loads_with_its_private_key(string form)
    {
        using X509Certificate2 original = MakeCertificate(form.StartsWith("ec", StringComparison.Ordinal), out AsymmetricAlgorithm key);
        string keyPem = form switch
        {
            "rsa" => ((RSA)key).ExportRSAPrivateKeyPem(),
            "ec" => ((ECDsa)key).ExportECPrivateKeyPem(),
            _ => key.ExportPkcs8PrivateKeyPem(),
        };
        string text = form == "key-first" ? keyPem + "\n" + original.ExportCertificatePem() : original.ExportCertificatePem() + "\n" + keyPem;
        string path = Write("client.pem", text);

        using X509Certificate2 loaded = ClientCertificateFile.Load(path, null);

        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(original.Thumbprint, loaded.Thumbprint);
        key.Dispose();
    }

    [Fact]
    public void A_PEM_chain_picks_the_certificate_the_key_belongs_to()
    {
        using X509Certificate2 other = MakeCertificate(false, out AsymmetricAlgorithm otherKey);
        using X509Certificate2 mine = MakeCertificate(false, out AsymmetricAlgorithm key);
        string path = Write("chain.pem", other.ExportCertificatePem() + "\n" + mine.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());

        using X509Certificate2 loaded = ClientCertificateFile.Load(path, null);

        Assert.Equal(mine.Thumbprint, loaded.Thumbprint);
        otherKey.Dispose();
        key.Dispose();
    }

    [Fact]
    public void An_encrypted_PEM_key_needs_its_password()
    {
        using X509Certificate2 original = MakeCertificate(false, out AsymmetricAlgorithm key);
        string encrypted = key.ExportEncryptedPkcs8PrivateKeyPem("pem-pass", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10000));
        string path = Write("encrypted.pem", original.ExportCertificatePem() + "\n" + encrypted);

        using X509Certificate2 loaded = ClientCertificateFile.Load(path, Secure("pem-pass"));
        ClientCertificateException missing = Assert.Throws<ClientCertificateException>(() => ClientCertificateFile.Load(path, null));
        ClientCertificateException wrong = Assert.Throws<ClientCertificateException>(() => ClientCertificateFile.Load(path, Secure("nope")));

        Assert.Equal(original.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(ClientCertificateProblem.PasswordRequired, missing.Problem);
        Assert.Equal(ClientCertificateProblem.PasswordIncorrect, wrong.Problem);
        key.Dispose();
    }

    [Fact]
    public void A_PFX_loads_with_its_password_and_says_when_the_password_is_missing_or_wrong()
    {
        using X509Certificate2 original = MakeCertificate(false, out AsymmetricAlgorithm key);
        string path = WriteBytes("client.pfx", original.Export(X509ContentType.Pkcs12, "pfx-pass"));

        using X509Certificate2 loaded = ClientCertificateFile.Load(path, Secure("pfx-pass"));
        ClientCertificateException missing = Assert.Throws<ClientCertificateException>(() => ClientCertificateFile.Load(path, null));
        ClientCertificateException wrong = Assert.Throws<ClientCertificateException>(() => ClientCertificateFile.Load(path, Secure("nope")));

        Assert.Equal(original.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal("ClientCertificatePasswordRequired", missing.ErrorId);
        Assert.Contains("-ClientCertificatePassword", missing.Message);
        Assert.Equal("ClientCertificatePasswordIncorrect", wrong.ErrorId);
        Assert.Equal(path, wrong.Target);
        Assert.DoesNotContain("pfx-pass", missing.Message + wrong.Message);
        key.Dispose();
    }

    [Fact]
    public void A_PFX_without_a_password_loads_without_one()
    {
        using X509Certificate2 original = MakeCertificate(false, out AsymmetricAlgorithm key);
        string path = WriteBytes("open.pfx", original.Export(X509ContentType.Pkcs12));

        using X509Certificate2 loaded = ClientCertificateFile.Load(path, null);

        Assert.True(loaded.HasPrivateKey);
        key.Dispose();
    }

    [Fact]
    public void Files_that_cannot_serve_give_their_own_problem()
    {
        using X509Certificate2 a = MakeCertificate(false, out AsymmetricAlgorithm keyA);
        using X509Certificate2 b = MakeCertificate(false, out AsymmetricAlgorithm keyB);
        string certOnly = Write("cert-only.pem", a.ExportCertificatePem());
        string keyOnly = Write("key-only.pem", keyA.ExportPkcs8PrivateKeyPem());
        string mismatch = Write("mismatch.pem", a.ExportCertificatePem() + "\n" + keyB.ExportPkcs8PrivateKeyPem());
        string derOnly = WriteBytes("cert.cer", a.Export(X509ContentType.Cert));
        string text = Write("notes.txt", "not a certificate");

        Assert.Equal(ClientCertificateProblem.NotFound, Problem(Path.Combine(_dir, "missing.pfx")));
        Assert.Equal(ClientCertificateProblem.NoPrivateKey, Problem(certOnly));
        Assert.Equal(ClientCertificateProblem.NoCertificate, Problem(keyOnly));
        Assert.Equal(ClientCertificateProblem.KeyMismatch, Problem(mismatch));
        Assert.Equal(ClientCertificateProblem.NoPrivateKey, Problem(derOnly));
        Assert.Equal(ClientCertificateProblem.Unreadable, Problem(text));
        keyA.Dispose();
        keyB.Dispose();
    }

    [Fact]
    public void A_request_refuses_a_certificate_object_without_its_key()
    {
        using X509Certificate2 withKey = MakeCertificate(false, out AsymmetricAlgorithm key);
        using X509Certificate2 publicOnly = X509CertificateLoader.LoadCertificate(withKey.Export(X509ContentType.Cert));
        var request = new SmtpProbeRequest { Server = "127.0.0.1", ClientCertificate = publicOnly };

        ClientCertificateException ex = Assert.Throws<ClientCertificateException>(request.Validate);

        Assert.Equal(ClientCertificateProblem.NoPrivateKey, ex.Problem);
        key.Dispose();
    }

    private ClientCertificateProblem Problem(string path) =>
        Assert.Throws<ClientCertificateException>(() => ClientCertificateFile.Load(path, null)).Problem;

    private static X509Certificate2 MakeCertificate(bool ec, out AsymmetricAlgorithm key)
    {
        var name = new X500DistinguishedName("CN=relay-client-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".lab.test");
        CertificateRequest request;
        if (ec)
        {
            var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            request = new CertificateRequest(name, ecdsa, HashAlgorithmName.SHA256);
            key = ecdsa;
        }
        else
        {
            var rsa = RSA.Create(2048);
            request = new CertificateRequest(name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            key = rsa;
        }

        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static SecureString Secure(string text) => new NetworkCredential("", text).SecurePassword;

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
