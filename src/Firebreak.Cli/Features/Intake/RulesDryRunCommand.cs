using System.CommandLine;
using System.Text.Json.Nodes;
using Firebreak.Cli.Commands;
using Firebreak.Cli.Input;

namespace Firebreak.Cli.Features.Intake;

internal sealed class RulesDryRunCommand : Command
{
    private readonly Option<string?> _file = new("--file", "-f") { Description = "A sample event in the integration's own format (JSON or YAML), or '-' for stdin." };

    private readonly Option<string[]> _label = new("--label", "-l")
    {
        Description = "Instead of a sample: labels to match, as name=value; repeat for more.",
    };

    private readonly Option<string?> _rules = new("--rules") { Description = "Try these rules (a rules file) instead of the saved ones." };

    public RulesDryRunCommand(CollectionContext context)
        : base("dry-run", "Show where a sample alert would be routed, without storing anything.")
    {
        var id = context.IdArgument();
        Arguments.Add(id);
        Options.Add(_file);
        Options.Add(_label);
        Options.Add(_rules);
        this.SetCliAction(context.Env, async (parse, ct) =>
        {
            var body = await RequestAsync(context.Env, parse, ct);
            return await context.SendAsync(parse,
                api => api.PostAsync(context.PathOf(parse.GetValue(id), "rules/dry-run"), body, ct),
                (output, response) => output.DryRun(response.Read<List<DryRunResultModel>>()), ct);
        });
    }

    private async Task<JsonObject> RequestAsync(CliEnvironment env, ParseResult parse, CancellationToken ct)
    {
        var file = parse.GetValue(_file);
        var labels = parse.GetValue(_label) ?? [];
        if ((file is null) == (labels.Length == 0))
        {
            throw new CliException(ExitCodes.Usage, "Give a sample with --file, or labels with --label name=value; one of the two.");
        }

        var body = new JsonObject();
        if (file is not null)
        {
            body["payload"] = await DocumentFile.ReadAsync(env, "--file", file, ct);
        }
        else
        {
            body["labels"] = Labels(labels);
        }

        if (parse.GetValue(_rules) is { } rules)
        {
            body["rules"] = await RulesFile.ReadAsync(env, "--rules", rules, ct);
        }

        return body;
    }

    private static JsonObject Labels(string[] pairs)
    {
        var labels = new JsonObject();
        foreach (var pair in pairs)
        {
            var cut = pair.IndexOf('=', StringComparison.Ordinal);
            if (cut <= 0)
            {
                throw new CliException(ExitCodes.Usage, $"--label '{pair}' is not name=value, e.g. --label team=payments.");
            }

            labels[pair[..cut].Trim()] = pair[(cut + 1)..].Trim();
        }

        return labels;
    }
}
