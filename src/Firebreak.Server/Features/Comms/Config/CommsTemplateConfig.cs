using Firebreak.Server.Features.Config;

namespace Firebreak.Server.Features.Comms.Config;

/// <summary>A template override as config declares it; <see cref="Severity"/> and <see cref="Service"/> empty mean any.</summary>
public sealed record CommsTemplateConfig(string Kind, string Severity, string Service, string? Subject, string Body, SourceRef Where, SourceRef? SubjectAt, SourceRef BodyAt)
{
    public string Name => CommsTemplateRow.Name(Kind, Severity, Service);
}

/// <summary>The template overrides a folder of config declares, as <c>set.CommsTemplates</c>.</summary>
public static class CommsTemplateConfigSet
{
    extension(ConfigSet set)
    {
        public IReadOnlyList<CommsTemplateConfig> CommsTemplates => set.Of<CommsTemplateConfig>();
    }
}
