using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Firebreak.Cli;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Runbooks.Format;

namespace Firebreak.Server.Features.Runbooks;

/// <summary>
/// <c>firebreak runbook lint PATH...</c>: reads runbook files with the server's own parser, offline, so a pipeline
/// or an editor hook catches a mistake at its file:line before <c>config apply</c> does. It lives here, not in the
/// CLI, because the CLI is a plain HTTP client and the parser is server code.
/// </summary>
internal sealed class RunbookLintCommand : Command
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly CliEnvironment _env;
    private readonly Argument<string[]> _paths = new("path")
    {
        Description = "Runbook Markdown files, or folders whose *.md files are runbooks.",
        Arity = ArgumentArity.OneOrMore,
    };

    public RunbookLintCommand(CliEnvironment env)
        : base("lint", "Check runbook files offline (no server) and print each error as file:line: message; exit 1 if any.")
    {
        _env = env;
        Arguments.Add(_paths);
        SetAction(RunAsync);
    }

    /// <summary>Adds lint to the client's <c>runbook</c> group, which <see cref="ClientCommands.AddTo"/> must have added.</summary>
    public static void AddTo(RootCommand root, CliEnvironment env) =>
        root.Subcommands.Single(c => c.Name == "runbook").Subcommands.Add(new RunbookLintCommand(env));

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var files = new List<string>();
        foreach (var path in parse.GetValue(_paths)!)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.md").Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                await _env.Error.WriteLineAsync($"Error: '{path}' is neither a file nor a folder.".AsMemory(), ct);
                return ExitCodes.Usage;
            }
        }

        var errors = new ConfigErrors();
        var documents = new List<(RunbookDocument Document, string File)>();
        foreach (var file in files)
        {
            var parsed = RunbookParser.Parse(await File.ReadAllTextAsync(file, ct), file);
            errors.AddRange(parsed.Errors);
            if (parsed.Document is { } document)
            {
                documents.Add((document, file));
            }
        }

        // config apply refuses two runbooks with one key; say so here, where the files are being checked.
        errors.Duplicates(documents, d => d.Document.Key, d => new SourceRef(d.File, 2), "runbook");
        if (parse.GetValue<bool>("--json"))
        {
            var json = errors.All.Select(e => new { file = e.Where.File, line = e.Where.Line, message = e.Message });
            await _env.Out.WriteLineAsync(JsonSerializer.Serialize(new { files = files.Count, errors = json }, s_json).AsMemory(), ct);
        }
        else
        {
            foreach (var e in errors.All)
            {
                await _env.Error.WriteLineAsync(e.ToString().AsMemory(), ct);
            }

            await _env.Out.WriteLineAsync((errors.All.Count > 0 ? $"{errors.All.Count} error(s)." : $"{files.Count} runbook(s) OK.").AsMemory(), ct);
        }

        return errors.All.Count == 0 ? ExitCodes.Ok : ExitCodes.Refused;
    }
}
