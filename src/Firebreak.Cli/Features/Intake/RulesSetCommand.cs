using System.CommandLine;
using System.Text.Json.Nodes;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Intake;

internal sealed class RulesSetCommand : Command
{
    public RulesSetCommand(CollectionContext context)
        : base("set", "Replace an integration's routing rules with those in a YAML or JSON file; an empty list removes them all.")
    {
        var id = context.IdArgument();
        var file = new Option<string>("--file", "-f") { Description = "Rules file (.yaml, .yml or .json), or '-' for stdin.", Required = true };
        Arguments.Add(id);
        Options.Add(file);
        this.SetCliAction(context.Env, async (parse, ct) =>
        {
            // Read first: a bad file is a usage error and sends nothing.
            var rules = await RulesFile.ReadAsync(context.Env, "--file", parse.GetValue(file)!, ct);
            return await context.SendAsync(parse,
                api => api.PutAsync(context.PathOf(parse.GetValue(id), "rules"), new JsonObject { ["rules"] = rules }, ct),
                (output, response) =>
                {
                    var integration = response.Read<IntegrationModel>();
                    var count = integration.Rules?.Count ?? 0;
                    output.Line($"Integration {integration.Id} '{integration.Name}' now has {count} routing rule{(count == 1 ? "" : "s")}.");
                }, ct);
        });
    }
}
