using RelayTools.Core.OpenRelay;
using RelayTools.Core.Smtp;

namespace RelayTools.Core.Tests.Smtp;

public class SecurityModeTests
{
    [Theory]
    [InlineData(465, SmtpSecurityMode.Auto, SmtpSecurityMode.Tls)]
    [InlineData(25, SmtpSecurityMode.Auto, SmtpSecurityMode.StartTlsWhenAvailable)]
    [InlineData(587, SmtpSecurityMode.Auto, SmtpSecurityMode.StartTlsWhenAvailable)]
    [InlineData(465, SmtpSecurityMode.None, SmtpSecurityMode.None)]
    [InlineData(2465, SmtpSecurityMode.Tls, SmtpSecurityMode.Tls)]
    [InlineData(587, SmtpSecurityMode.StartTls, SmtpSecurityMode.StartTls)]
    public void Relay_probe_Auto_means_implicit_TLS_on_465_and_STARTTLS_when_offered_elsewhere(int port, SmtpSecurityMode asked, SmtpSecurityMode used)
    {
        Assert.Equal(used, new SmtpProbeRequest { Port = port, Security = asked }.EffectiveSecurity);
    }

    [Theory]
    [InlineData(465, SmtpSecurityMode.Auto, SmtpSecurityMode.Tls)]
    [InlineData(25, SmtpSecurityMode.Auto, SmtpSecurityMode.None)]
    [InlineData(25, SmtpSecurityMode.StartTls, SmtpSecurityMode.StartTls)]
    public void Open_relay_audit_Auto_connects_like_an_outsider_in_plain_text_except_on_465(int port, SmtpSecurityMode asked, SmtpSecurityMode used)
    {
        Assert.Equal(used, new OpenRelayAuditRequest { Port = port, Security = asked }.EffectiveSecurity);
    }
}
