using System;

namespace RelayTools.Core.Postfix;

/// <summary>A value Postfix cannot use: an unbalanced <c>{</c>, or a <c>$name</c> expansion cycle.</summary>
public sealed class PostfixSyntaxException : FormatException
{
    /// <summary>Creates the exception with a message that names the value or the cycle.</summary>
    public PostfixSyntaxException(string message) : base(message) { }
}
