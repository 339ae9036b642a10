using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace RelayTools;

/// <summary>
/// Completes Test-ExchangeRelay's -Server, -Port and -ServerAddress from the connectors already on the command line
/// (-ReceiveConnector $rc): their servers, the ports of their bindings, and the addresses they bind to.
/// </summary>
public sealed class ExchangeConnectorCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var connectors = Connectors(fakeBoundParameters);
        IEnumerable<string> values = parameterName switch
        {
            "Server" => connectors.Select(c => c.Server).Where(s => s.Length > 0),
            "Port" => connectors.SelectMany(c => c.Bindings).Select(b => b.Port).Distinct().OrderBy(p => p).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            _ => connectors.SelectMany(c => c.Bindings).Where(b => !b.IsAnyAddress).Select(b => b.Address),
        };
        return PostfixCompletion.Complete(values, wordToComplete);
    }

    static List<RelayTools.Core.Exchange.ExchangeReceiveConnector> Connectors(IDictionary bound)
    {
        try
        {
            if (bound["ReceiveConnector"] is not { } value) return [];
            var items = value is IEnumerable e && value is not string ? e.Cast<object?>() : [value];
            var bags = ExchangeInput.Bags(items, ExchangeInput.Kind.ReceiveConnector, _ => { });
            return bags.Select(b => RelayTools.Core.Exchange.ExchangeObjectReader.ReadConnector(b, "", new List<string>())).ToList();
        }
        catch (Exception) { return []; }
    }
}
