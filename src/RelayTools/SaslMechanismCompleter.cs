using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace RelayTools;

/// <summary>Completes -AuthenticationMechanism with the SASL mechanisms the probe can speak.</summary>
public sealed class SaslMechanismCompleter : IArgumentCompleter
{
    /// <summary>The mechanisms offered for completion (XOAUTH2 and OAUTHBEARER go with -AccessToken).</summary>
    internal static readonly string[] Names = ["PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-512", "NTLM", "XOAUTH2", "OAUTHBEARER"];

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = (wordToComplete ?? "").Trim('\'', '"');
        return Names
            .Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, "SASL mechanism " + name));
    }
}
