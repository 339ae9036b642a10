using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RelayTools.Core.Postfix;

namespace RelayTools;

/// <summary>Reads the configuration the command line names (-Path or -ConfigDirectory) for tab completion.</summary>
internal static class PostfixCompletion
{
    public static PostfixConfiguration? Load(IDictionary bound)
    {
        try
        {
            if (bound["Path"] is { } p)
            {
                string path = p is IEnumerable e && p is not string ? e.Cast<object>().First().ToString()! : p.ToString()!;
                return Path.GetFileName(path) == "main.cf" ? PostfixConfigReader.ReadMainFile(path) : PostfixConfigReader.ReadText(File.ReadAllText(path), path);
            }
            string dir = bound["ConfigDirectory"]?.ToString() ?? "/etc/postfix";
            return File.Exists(Path.Combine(dir, "main.cf")) ? PostfixConfigReader.ReadDirectory(dir) : null;
        }
        catch (Exception) { return null; }
    }

    public static IEnumerable<CompletionResult> Complete(IEnumerable<string> candidates, string word) =>
        candidates.Distinct().Where(c => c.StartsWith(word.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
            .Select(c => new CompletionResult(c.IndexOfAny([' ', ':', '[']) >= 0 ? "'" + c + "'" : c, c, CompletionResultType.ParameterValue, c));
}

/// <summary>Completes -Service with the smtpd services of the configuration named on the command line.</summary>
public sealed class PostfixServiceCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var config = PostfixCompletion.Load(fakeBoundParameters);
        var names = config?.SmtpdServices().Select(s => s.Name) ?? ["smtp", "submission", "smtps", "submissions"];
        return PostfixCompletion.Complete(names, wordToComplete);
    }
}

/// <summary>Completes -List with the smtpd restriction lists and the restriction classes of the configuration.</summary>
public sealed class PostfixListCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var config = PostfixCompletion.Load(fakeBoundParameters);
        var names = RestrictionCatalog.ListNames.AsEnumerable();
        if (config != null) names = names.Concat(PostfixRestrictionReader.Classes(config, null));
        return PostfixCompletion.Complete(names, wordToComplete);
    }
}
