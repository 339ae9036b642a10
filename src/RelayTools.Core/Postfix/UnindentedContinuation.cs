using System;
using System.IO;
using System.Linq;

namespace RelayTools.Core.Postfix;

/// <summary>
/// Recognises the lines pasted configuration loses its indentation on: a restriction list continued at
/// column 0 after <c>smtpd_recipient_restrictions =</c>, or a master.cf <c>-o</c> line at column 0.
/// Postfix reads such a line as a new entry and refuses to start ("missing '='", "bad master.cf
/// entry"); the reader says what the line continues and gives the corrected text, and with
/// <see cref="PostfixConfiguration.AssumeContinuation"/> reads it as meant.
/// </summary>
internal static class UnindentedContinuation
{
    /// <summary>Handles a main.cf line without '=' that continues the parameter before it; false when it does not look like one.</summary>
    public static bool TryParameter(PostfixConfiguration config, PostfixLines.LogicalLine line, string file)
    {
        if (line.Text.StartsWith("-o", StringComparison.Ordinal) && config.LastService is not null)
        {
            return TryOverride(config, line, file);
        }

        if (config.LastParameter is not { } last || !LooksLikeListElements(last.Parameter.Value, line.Text))
        {
            return false;
        }

        PostfixParameter parameter = last.Parameter;
        string name = Path.GetFileName(file);
        config.Notes.Add(new PostfixConfigNote
        {
            Kind = PostfixNoteKind.UnindentedContinuation,
            Parameter = parameter.Name,
            Origin = name + ":" + line.Number,
            Message = $"line {line.Number} continues {parameter.Name} from line {parameter.Line} but is not indented; Postfix reads it as a new parameter and refuses to start (\"missing '=' after attribute name\")" +
                (config.AssumeContinuation ? ". Read as a continuation (-AssumeContinuation)." : ". Indent it."),
            Fix = [last.Text, "    " + line.Text],
        });
        if (config.AssumeContinuation)
        {
            parameter.Value = (parameter.Value + " " + line.Text).Trim();
        }

        config.LastParameter = (parameter, "    " + line.Text);
        return true;
    }

    /// <summary>Handles a master.cf line at column 0 that is an <c>-o</c> option of the service before it.</summary>
    public static bool TryOverride(PostfixConfiguration config, PostfixLines.LogicalLine line, string file)
    {
        MasterService? service = config.LastService;
        if (service is null || !line.Text.StartsWith("-o", StringComparison.Ordinal))
        {
            return false;
        }

        string name = Path.GetFileName(file);
        string origin = service.Origin.Split(' ')[0];
        config.Notes.Add(new PostfixConfigNote
        {
            Kind = PostfixNoteKind.UnindentedContinuation,
            Origin = name + ":" + line.Number,
            Message = $"line {line.Number} continues the {service.Name} service ({origin}) but is not indented; Postfix reads it as a new master.cf entry and refuses to start (\"bad field count\")" +
                (config.AssumeContinuation ? ". Read as an option of that service (-AssumeContinuation)." : ". Indent it."),
            Fix = ["  " + line.Text],
        });
        if (config.AssumeContinuation)
        {
            string assignment = line.Text.Substring(2).Trim();
            if (assignment.StartsWith("{", StringComparison.Ordinal) && assignment.EndsWith("}", StringComparison.Ordinal))
            {
                assignment = assignment.Substring(1, assignment.Length - 2).Trim();
            }

            int eq = assignment.IndexOf('=');
            if (eq > 0)
            {
                service.Overrides.Add(new PostfixParameter
                {
                    Name = assignment.Substring(0, eq).Trim(),
                    Value = assignment.Substring(eq + 1).Trim(),
                    Source = PostfixValueSource.MasterOverride,
                    File = file,
                    Line = line.Number,
                    Origin = name + ":" + line.Number + " -o (" + service.Name + ", assumed continuation)",
                });
            }
        }

        return true;
    }

    // The previous value is open (empty, or ends in a comma), or this line reads like list elements:
    // restriction names, table lookups (type:name), networks, comma-separated words.
    private static bool LooksLikeListElements(string previousValue, string text)
    {
        if (text.IndexOf('=') >= 0)
        {
            return false;
        }

        string trimmed = previousValue.TrimEnd();
        if (trimmed.Length == 0 || trimmed.EndsWith(",", StringComparison.Ordinal))
        {
            return true;
        }

        string first = text.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return RestrictionCatalog.IsKnown(first) || first.IndexOf(':') > 0 || first.IndexOf('/') > 0 || text.TrimEnd().EndsWith(",", StringComparison.Ordinal);
    }
}
