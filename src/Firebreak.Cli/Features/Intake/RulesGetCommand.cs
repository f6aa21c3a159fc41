using System.CommandLine;
using System.Text.Json.Nodes;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Intake;

internal sealed class RulesGetCommand : Command
{
    public RulesGetCommand(CollectionContext context)
        : base("get", "Show an integration's routing rules in order. With --json, in the shape 'rules set' reads.")
    {
        var id = context.IdArgument();
        Arguments.Add(id);
        this.SetCliAction(context.Env, async (parse, ct) =>
        {
            using var api = await context.ConnectAsync(parse, ct);
            var response = await api.GetAsync(context.PathOf(parse.GetValue(id)), ct);
            var output = context.Output();
            if (context.WantsJson(parse))
            {
                // Not the whole integration: only {"rules": [...]}, so get, edit and set round-trip through one file.
                var rules = JsonNode.Parse(response.Body)?["rules"]?.DeepClone() ?? new JsonArray();
                output.Json(new JsonObject { ["rules"] = rules }.ToJsonString());
            }
            else
            {
                output.Rules(response.Read<IntegrationModel>().Rules ?? []);
            }

            return ExitCodes.Ok;
        });
    }
}
