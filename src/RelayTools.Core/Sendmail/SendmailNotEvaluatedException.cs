using System;

namespace RelayTools.Core.Sendmail;

/// <summary>
/// A rule needs something an offline what-if cannot know: DNS (a sender domain, MX records), a map class
/// RelayTools does not read, a macro only the running server has. The what-if answers Unknown with the reason.
/// </summary>
public sealed class SendmailNotEvaluatedException : Exception
{
    /// <summary>Creates it with the reason.</summary>
    public SendmailNotEvaluatedException(string reason) : base(reason) { }
}

/// <summary>sendmail.cf asks for something Sendmail itself would refuse (an unknown ruleset, runaway recursion).</summary>
public sealed class SendmailConfigException : Exception
{
    /// <summary>Creates it with Sendmail's own wording where there is one.</summary>
    public SendmailConfigException(string message) : base(message) { }
}
