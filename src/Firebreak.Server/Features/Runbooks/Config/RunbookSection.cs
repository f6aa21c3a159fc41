using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Runbooks.Format;
using Firebreak.Server.Storage;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Runbooks.Config;

/// <summary>
/// Runbooks in config as code: Markdown files in the <c>runbooks/</c> folder beside the YAML, not a YAML section,
/// because they are documents people write and review as prose.
/// </summary>
internal sealed class RunbookSection : IConfigSection
{
    public const string Folder = "runbooks";

    public string Key => "runbooks";

    public int Order => ConfigOrder.Runbooks;

    public void Read(YamlNode node, YamlReading yaml, ConfigItems into) =>
        yaml.Error(node, $"runbooks are Markdown files in the '{Folder}/' folder beside the YAML files, one per runbook");

    public void ReadFolder(string directory, ConfigErrors errors, ConfigItems into)
    {
        var folder = Path.Combine(directory, Folder);
        if (!Directory.Exists(folder))
        {
            return;
        }

        var read = new List<RunbookConfig>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var file = $"{Folder}/{Path.GetFileName(path)}";
            var text = File.ReadAllText(path);
            var parse = RunbookParser.Parse(text, file);
            errors.AddRange(parse.Errors);
            if (parse.Document is { } doc)
            {
                read.Add(new RunbookConfig(doc, text, new SourceRef(file, 2)));
            }
        }

        into.Add(read);
    }

    public void Validate(ConfigSet set, ConfigErrors errors)
    {
        var runbooks = set.Runbooks;
        errors.Duplicates(runbooks, r => r.Document.Key, r => r.Where, "runbook");
        var services = set.ServiceKeys();
        var teams = set.Teams.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var r in runbooks)
        {
            foreach (var service in r.Document.Services.Where(s => !services.Contains(s)))
            {
                errors.Add(r.Where, $"runbook '{r.Document.Key}' names unknown service '{service}'");
            }

            if (r.Document.Owner is { } owner && !teams.Contains(owner))
            {
                errors.Add(r.Where, $"runbook '{r.Document.Key}' is owned by unknown team '{owner}'");
            }
        }
    }

    public Task StageAsync(ConfigSet set, ConfigStaging staging, IServiceProvider services, CancellationToken ct) =>
        new RunbookStage(services.GetRequiredService<FirebreakDb>(), services.GetRequiredService<TimeProvider>()).StageAsync(staging, set, ct);
}
