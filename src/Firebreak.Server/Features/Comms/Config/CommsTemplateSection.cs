using Firebreak.Server.Features.Config;
using Firebreak.Server.Storage;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Comms.Config;

/// <summary>
/// The <c>comms_templates:</c> section: Liquid templates overriding the default message of a kind, for every incident or
/// only one severity and/or service. A template is parsed and each name it reads checked here, so a typo is an error
/// at its file and line when config is validated, not a blank in a message.
/// </summary>
internal sealed class CommsTemplateSection : ConfigSection<CommsTemplateConfig>
{
    private static readonly string[] s_fields = ["kind", "severity", "service", "subject", "body"];

    public override string Key => "comms_templates";

    public override int Order => ConfigOrder.CommsTemplates;

    protected override CommsTemplateConfig? ReadItem(YamlMappingNode map, int index, YamlReading yaml)
    {
        yaml.Known(map, s_fields);
        var kind = yaml.Required(map, "kind");
        var body = yaml.Required(map, "body");
        if (kind is not null && !CommsKinds.All.Contains(kind))
        {
            yaml.Error(YamlReading.At(map, "kind"), $"unknown template kind '{kind}'; use one of: {string.Join(", ", CommsKinds.All)}");
            return null;
        }

        var subject = yaml.Str(map, "subject");
        SourceRef? subjectAt = subject is null ? null : yaml.Where(YamlReading.At(map, "subject"));
        if (subject is { Length: > 500 } && subjectAt is { } s)
        {
            yaml.Error(YamlReading.At(map, "subject"), "a template subject is at most 500 characters");
            return null;
        }

        if (body is { Length: > CommsLimits.MaxTemplate })
        {
            yaml.Error(YamlReading.At(map, "body"), $"a template body is at most {CommsLimits.MaxTemplate} characters");
            return null;
        }

        return kind is null || body is null
            ? null
            : new CommsTemplateConfig(kind, yaml.Str(map, "severity") ?? "", yaml.Str(map, "service") ?? "", subject, body,
                yaml.Where(map), subjectAt, yaml.Where(YamlReading.At(map, "body")));
    }

    protected override void Validate(ConfigSet set, IReadOnlyList<CommsTemplateConfig> items, ConfigErrors errors)
    {
        errors.Duplicates(items, t => t.Name, t => t.Where, "comms template");
        var services = set.ServiceKeys();
        foreach (var t in items)
        {
            if (t.Service.Length > 0 && !services.Contains(t.Service))
            {
                errors.Add(t.Where, $"comms template '{t.Name}' names unknown service '{t.Service}'");
            }

            if (t.Severity.Length > 0 && set.Severity is { } scheme && scheme.Find(t.Severity) is null)
            {
                errors.Add(t.Where, $"comms template '{t.Name}' names unknown severity '{t.Severity}'; use one of: {string.Join(", ", scheme.Levels.Select(l => l.Key))}");
            }

            if (t.Subject is { } subject && t.SubjectAt is { } at && CommsTemplates.Problem(subject) is { } subjectProblem)
            {
                errors.Add(at, $"comms template '{t.Name}' subject: {subjectProblem}");
            }

            if (CommsTemplates.Problem(t.Body) is { } bodyProblem)
            {
                errors.Add(t.BodyAt, $"comms template '{t.Name}' body: {bodyProblem}");
            }
        }
    }

    protected override Task StageAsync(ConfigSet set, IReadOnlyList<CommsTemplateConfig> items, ConfigStaging staging, IServiceProvider services, CancellationToken ct) =>
        new CommsTemplateStage(services.GetRequiredService<FirebreakDb>(), services.GetRequiredService<TimeProvider>()).StageAsync(staging, items, ct);
}
