using System.Text.Json.Nodes;
using Firebreak.Cli.Input;

namespace Firebreak.Cli.Features.Intake;

/// <summary>A rules file: a list of rules, or a mapping with <c>rules:</c> as 'rules get --json' prints it.</summary>
internal static class RulesFile
{
    public static async Task<JsonArray> ReadAsync(CliEnvironment env, string option, string path, CancellationToken ct)
    {
        var document = await DocumentFile.ReadAsync(env, option, path, ct);

        // Detached from the document, so the caller can put the list into a request body of its own.
        return (document as JsonArray ?? ((document as JsonObject)?["rules"] as JsonArray)?.DeepClone().AsArray())
            ?? throw new CliException(ExitCodes.Usage, $"{option} {path} holds no list of rules.",
                ["Write a list of rules, or a mapping with 'rules:', e.g.", "rules:", "  - name: payments", "    match: [\"team=payments\"]", "    service: payments"]);
    }
}
