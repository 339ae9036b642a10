using System;
using System.Net;

namespace RelayTools.Core.Postfix;

/// <summary>
/// The what-if: evaluates one smtpd service for one session up to RCPT TO the way Postfix 3.7's
/// smtpd_check.c does (see <see cref="PostfixCheckRun"/>) and words the reply as Postfix does. A
/// restriction that needs DNS, a policy server, address probes or a table it cannot read makes the answer
/// Unknown, never a guess.
/// </summary>
public static class PostfixRelayEvaluator
{
    /// <summary>Evaluates <paramref name="query"/> (Decision Unavailable when smtpd would not even start); <paramref name="readFile"/> reads table sources and /file lists (null: cannot).</summary>
    /// <exception cref="PostfixSyntaxException">A list cannot be expanded or split.</exception>
    /// <exception cref="FormatException">The client address is not an IP address.</exception>
    public static PostfixRelayResult Evaluate(PostfixConfiguration config, MasterService service, PostfixRelayQuery query, Func<string, string?> readFile)
    {
        if (!IPAddress.TryParse(query.ClientAddress.Trim('[', ']'), out IPAddress? client))
            throw new FormatException("The client address '" + query.ClientAddress + "' is not an IPv4 or IPv6 address.");
        client = PostfixNetwork.NormaliseClient(client);
        return new PostfixCheckRun(config, service, query, client, readFile ?? (_ => null)).Evaluate();
    }
}
