#!/usr/bin/python3
# The reference SPF implementation of the SPF fidelity test and the SPF benchmark: pyspf (Debian's python3-spf,
# RFC 7208 check_host) over dnspython, asking ONE DNS server given on the command line (the test's NSD on
# loopback) and never the system resolver: dnspython's default resolver is replaced before pyspf makes a query,
# and a server that is not a loopback address is refused.
#
#   spf-reference.py HOST PORT IP DOMAIN SENDER HELO   one check: prints "RESULT<TAB>EXPLANATION<TAB>MECHANISM"
#   spf-reference.py HOST PORT --batch                 reads "ID<TAB>IP<TAB>DOMAIN<TAB>SENDER<TAB>HELO" lines from
#                                                      stdin, prints one JSON object a line:
#                                                      {"id", "result", "explanation", "mechanism", "seconds"}
#                                                      (seconds: that check's wall time, for the benchmark)
#   spf-reference.py --version                         prints "pyspf VERSION (dnspython VERSION)"
#
# RESULT is pyspf's word (pass, fail, softfail, neutral, none, permerror, temperror). EXPLANATION is given for a
# fail only, and only when the record's exp= gave one: pyspf's built-in default text ("SPF fail - not authorized")
# is printed as an empty string, as RelayTools gives "" when there is no exp= explanation. The receiver (%{r})
# is "unknown", as in RelayTools. DOMAIN is the domain whose record is checked; it is normally SENDER's domain.
import ipaddress
import json
import sys
import time
import warnings

warnings.simplefilter("ignore")  # dnspython 2.x deprecates resolver.query(), which pyspf still calls

import dns.resolver  # noqa: E402
import spf  # noqa: E402


def version():
    return "pyspf %s (dnspython %s)" % (spf.__version__, dns.version.version)


def use_server(host, port):
    if not ipaddress.ip_address(host).is_loopback:
        sys.exit("spf-reference.py: %s is not a loopback address; only the test's own DNS server may be asked" % host)
    resolver = dns.resolver.Resolver(configure=False)  # no /etc/resolv.conf: no search list, no system server
    resolver.nameservers = [host]
    resolver.port = int(port)
    resolver.timeout = 2.0
    resolver.lifetime = 5.0
    dns.resolver.default_resolver = resolver


def check(ip, domain, sender, helo):
    try:
        q = spf.query(i=ip, s=sender, h=helo, receiver="unknown", strict=True)
        if domain:
            q.d = domain
        result, _code, explanation = q.check()
        mechanism = q.mechanism or ""
    except (spf.PermError, ValueError) as x:
        result, explanation, mechanism = "permerror", str(x), ""
    if result != "fail" or explanation == spf.EXPLANATIONS["fail"]:
        explanation = ""
    return result, explanation, mechanism


def main(argv):
    if argv[:1] == ["--version"]:
        print(version())
        return 0
    if len(argv) == 3 and argv[2] == "--batch":
        use_server(argv[0], argv[1])
        for line in sys.stdin:
            line = line.rstrip("\r\n")
            if not line:
                continue
            case_id, ip, domain, sender, helo = (line.split("\t") + ["", "", "", ""])[:5]
            started = time.perf_counter()
            result, explanation, mechanism = check(ip, domain, sender, helo)
            seconds = time.perf_counter() - started
            print(json.dumps({"id": case_id, "result": result, "explanation": explanation, "mechanism": str(mechanism), "seconds": seconds}), flush=True)
        return 0
    if len(argv) == 6:
        use_server(argv[0], argv[1])
        result, explanation, mechanism = check(*argv[2:])
        print("%s\t%s\t%s" % (result, explanation, mechanism))
        return 0
    sys.stderr.write("usage: spf-reference.py HOST PORT IP DOMAIN SENDER HELO | HOST PORT --batch | --version\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
