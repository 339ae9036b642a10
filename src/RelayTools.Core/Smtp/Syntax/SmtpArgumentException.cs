using System;

namespace RelayTools.Core.Smtp.Syntax;

/// <summary>
/// A value refused before anything is sent: it names the parameter, the problem and the position of the
/// offending character, and shows the value with control characters made visible.
/// </summary>
public sealed class SmtpArgumentException : ArgumentException
{
    private readonly string _message;

    /// <summary>Makes the exception; <paramref name="detail"/> says what is wrong in a few words.</summary>
    public SmtpArgumentException(SmtpArgumentKind kind, SmtpArgumentProblem problem, string parameterName, string value, int position, string detail)
        : base(Compose(parameterName, value, position, detail), parameterName)
    {
        _message = Compose(parameterName, value, position, detail);
        Kind = kind;
        Problem = problem;
        Value = value;
        Position = position;
    }

    /// <summary>The message alone: the parameter is named in it, so .NET's " (Parameter 'To')" suffix is left off.</summary>
    public override string Message => _message;

    /// <summary>What the value was for.</summary>
    public SmtpArgumentKind Kind { get; }

    /// <summary>What is wrong with it.</summary>
    public SmtpArgumentProblem Problem { get; }

    /// <summary>The value as given.</summary>
    public string Value { get; }

    /// <summary>The 0-based position of the offending character, or -1 when the value as a whole is wrong.</summary>
    public int Position { get; }

    /// <summary>The stable error id: kind and problem, e.g. <c>SmtpAddressControlCharacter</c>.</summary>
    public string ErrorId => Kind.ToString() + Problem.ToString();

    /// <summary>The value with control and non-ASCII characters written as escapes (<c>\r</c>, <c>\n</c>, <c>\0</c>, <c>\u00e9</c>), at most 120 characters.</summary>
    public static string Visible(string value)
    {
        var text = new System.Text.StringBuilder();
        foreach (char c in value)
        {
            if (text.Length >= 120)
            {
                text.Append('…');
                break;
            }

            text.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\0' => "\\0",
                '\t' => "\\t",
                _ when c < 0x20 || c >= 0x7F => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }

    private static string Compose(string parameterName, string value, int position, string detail)
    {
        string where = position >= 0 ? $" at position {position + 1}" : "";
        return $"-{parameterName} '{Visible(value)}' is refused{where}: {detail}. Nothing was sent to any server.";
    }
}
