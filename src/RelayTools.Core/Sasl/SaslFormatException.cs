using System;

namespace RelayTools.Core.Sasl;

/// <summary>
/// A SASL field or token that cannot be encoded or decoded. The message names the field and the
/// problem but never contains a password or the token itself.
/// </summary>
public sealed class SaslFormatException : FormatException
{
    /// <summary>Creates the exception for one <paramref name="problem"/>.</summary>
    public SaslFormatException(SaslProblem problem, string message)
        : base(message)
    {
        Problem = problem;
    }

    /// <summary>What was wrong, as a value callers can branch on.</summary>
    public SaslProblem Problem { get; }
}
