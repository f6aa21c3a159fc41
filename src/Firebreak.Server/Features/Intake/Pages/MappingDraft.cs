using Firebreak.Core.Intake;

namespace Firebreak.Server.Features.Intake.Pages;

/// <summary>
/// A generic field mapping as the editor holds it: every path as typed, and each map or field list as
/// <c>name=value</c> lines (split at the first '=', so URL templates keep theirs).
/// </summary>
public sealed class MappingDraft
{
    public string Alerts { get; set; } = "";

    public string DedupKey { get; set; } = "";

    public string Summary { get; set; } = "";

    public string Source { get; set; } = "";

    public string Timestamp { get; set; } = "";

    public string SeverityPath { get; set; } = "";

    public string SeverityMap { get; set; } = "";

    public string SeverityDefault { get; set; } = "";

    public string ActionPath { get; set; } = "";

    public string ActionMap { get; set; } = "";

    public string ActionDefault { get; set; } = "";

    public string LabelsPath { get; set; } = "";

    public string LabelFields { get; set; } = "";

    public string AnnotationsPath { get; set; } = "";

    public string AnnotationFields { get; set; } = "";

    public string LinksPath { get; set; } = "";

    public string LinkFields { get; set; } = "";

    public string CustomDetails { get; set; } = "";

    public static MappingDraft From(GenericMapping m) => new()
    {
        Alerts = m.Alerts ?? "",
        DedupKey = m.DedupKey ?? "",
        Summary = m.Summary ?? "",
        Source = m.Source ?? "",
        Timestamp = m.Timestamp ?? "",
        SeverityPath = m.Severity?.Path ?? "",
        SeverityMap = Lines(m.Severity?.Map),
        SeverityDefault = m.Severity?.Default ?? "",
        ActionPath = m.Action?.Path ?? "",
        ActionMap = Lines(m.Action?.Map),
        ActionDefault = m.Action?.Default ?? "",
        LabelsPath = m.Labels?.Path ?? "",
        LabelFields = Lines(m.Labels?.Fields),
        AnnotationsPath = m.Annotations?.Path ?? "",
        AnnotationFields = Lines(m.Annotations?.Fields),
        LinksPath = m.Links?.Path ?? "",
        LinkFields = Lines(m.Links?.Fields),
        CustomDetails = m.CustomDetails ?? "",
    };

    public GenericMapping ToMapping() => new(
        Blank(Alerts), Blank(DedupKey), Blank(Summary), Blank(Source),
        ValueMap(SeverityPath, SeverityMap, SeverityDefault),
        ValueMap(ActionPath, ActionMap, ActionDefault),
        Blank(Timestamp),
        FieldSet(LabelsPath, LabelFields),
        FieldSet(AnnotationsPath, AnnotationFields),
        FieldSet(LinksPath, LinkFields),
        Blank(CustomDetails));

    private static GenericValueMap? ValueMap(string path, string lines, string fallback) =>
        Blank(path) is null && Pairs(lines) is null && Blank(fallback) is null ? null : new GenericValueMap(Blank(path), Pairs(lines), Blank(fallback));

    private static GenericFieldSet? FieldSet(string path, string lines) =>
        Blank(path) is null && Pairs(lines) is null ? null : new GenericFieldSet(Blank(path), Pairs(lines));

    private static string Lines(Dictionary<string, string>? pairs) => string.Join('\n', (pairs ?? []).Select(p => $"{p.Key}={p.Value}"));

    // A line without '=' is kept with an empty value, so the service names it instead of it vanishing silently.
    private static Dictionary<string, string>? Pairs(string lines)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            result[eq < 0 ? line : line[..eq].Trim()] = eq < 0 ? "" : line[(eq + 1)..].Trim();
        }

        return result.Count == 0 ? null : result;
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
