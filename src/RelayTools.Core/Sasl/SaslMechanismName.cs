namespace RelayTools.Core.Sasl;

/// <summary>The SASL mechanisms whose client responses RelayTools can build by hand.</summary>
public enum SaslMechanismName
{
    /// <summary>RFC 4616 PLAIN: one response, <c>authzid NUL authcid NUL passwd</c>.</summary>
    Plain,

    /// <summary>The de-facto LOGIN mechanism: the user name and the password, each answering a 334 prompt.</summary>
    Login,
}
