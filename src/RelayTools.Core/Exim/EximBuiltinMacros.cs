using System;
using System.Collections.Generic;

namespace RelayTools.Core.Exim;

/// <summary>The built-in macros of Debian's exim4-daemon-light 4.96 that configurations test with .ifdef (from <c>exim -bP macros</c>).</summary>
public static class EximBuiltinMacros
{
    static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "_HAVE_TLS_ALPN", "_HAVE_TLS_CA_CACHE", "_HAVE_TLS_OCSP_LIST", "_HAVE_TLS_OCSP", "_HAVE_TLS1_3",
        "_HAVE_TRANSPORT_APPEND_MAILSTORE", "_HAVE_TRANSPORT_APPEND_MAILDIR", "_HAVE_LOOKUP_PASSWD", "_HAVE_LOOKUP_NIS",
        "_HAVE_LOOKUP_DSEARCH", "_HAVE_LOOKUP_DNSDB", "_HAVE_LOOKUP_DBM", "_HAVE_LOOKUP_CDB", "_HAVE_LOOKUP_LSEARCH",
        "_HAVE_TLS_RESUME", "_HAVE_DANE", "_HAVE_SRS", "_HAVE_TCP_FASTOPEN", "_HAVE_NATIVE_SRS", "_HAVE_SOCKS", "_HAVE_PRDR",
        "_HAVE_PIPE_CONNECT", "_HAVE_OCSP", "_HAVE_I18N", "_HAVE_EVENT", "_HAVE_DNSSEC", "_HAVE_DKIM",
        "_HAVE_MOVE_FROZEN_MESSAGES", "_HAVE_GNUTLS", "_HAVE_TLS", "_HAVE_IPV6", "_HAVE_ICONV", "_HAVE_CRYPTEQ",
    };

    /// <summary>True when the name is built in: a _HAVE_ feature of this build, or _OPT_MAIN_NAME for a main option it knows.</summary>
    public static bool IsDefined(string name)
    {
        if (Names.Contains(name)) return true;
        if (name.StartsWith("_OPT_MAIN_", StringComparison.Ordinal))
            return EximOptionCatalog.IsKnown(name.Substring("_OPT_MAIN_".Length).ToLowerInvariant());
        return false;
    }
}
