using System.Text.Json;
using Firebreak.Core.Intake;
using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Intake;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Intake.Pages;

/// <summary>What the page needs to try a mapping that is not saved yet.</summary>
public sealed record MappingDryRunCall(GenericMapping Mapping, JsonElement Payload);

/// <summary>
/// Edits a generic integration's field mapping. Validation is the service's, and its errors are keyed by mapping field
/// (<c>severity.map.P1</c>), so each lands under the input it is about; the dry run uses the mapping as edited.
/// </summary>
public sealed partial class GenericMappingEditor
{
    private static readonly TextField[] s_textFields =
    [
        new("alerts", "Alert list (empty: the body, or each item of a body that is an array)", "e.g. data.alerts", d => d.Alerts, (d, v) => d.Alerts = v),
        new("dedupKey", "Dedup key", "e.g. id, or {{host}}/{{check}}", d => d.DedupKey, (d, v) => d.DedupKey = v),
        new("summary", "Summary", "e.g. title, or {{check}} on {{host}}", d => d.Summary, (d, v) => d.Summary = v),
        new("source", "Source", "e.g. host", d => d.Source, (d, v) => d.Source = v),
        new("timestamp", "Timestamp (ISO 8601 or Unix epoch)", "e.g. created_at", d => d.Timestamp, (d, v) => d.Timestamp = v),
        new("customDetails", "Custom details (empty: the whole alert item)", "e.g. details", d => d.CustomDetails, (d, v) => d.CustomDetails = v),
    ];

    private static readonly FieldSetField[] s_fieldSets =
    [
        new("labels", "Labels", "object of labels, e.g. tags", "service=svc.name", d => d.LabelsPath, (d, v) => d.LabelsPath = v, d => d.LabelFields, (d, v) => d.LabelFields = v),
        new("annotations", "Annotations", "object, e.g. annotations", "runbook=docs.runbook", d => d.AnnotationsPath, (d, v) => d.AnnotationsPath = v, d => d.AnnotationFields, (d, v) => d.AnnotationFields = v),
        new("links", "Links", "array of {href, text} or URLs", "Dashboard=https://grafana.example/d/{{check}}", d => d.LinksPath, (d, v) => d.LinksPath = v, d => d.LinkFields, (d, v) => d.LinkFields = v),
    ];

    private MappingDraft _draft = new();
    private string? _shownJson;
    private string? _sample;
    private UiError? _error;
    private UiError? _dryRunError;
    private IReadOnlyList<GenericDryRunAlert>? _results;
    private bool _saved;

    [Parameter, EditorRequired]
    public IntegrationDto Integration { get; set; } = default!;

    [Parameter]
    public bool Busy { get; set; }

    /// <summary>Saves the mapping; returns the error to show, or null when saved.</summary>
    [Parameter, EditorRequired]
    public Func<GenericMapping, Task<UiError?>> OnSave { get; set; } = default!;

    [Parameter, EditorRequired]
    public Func<MappingDryRunCall, Task<(IReadOnlyList<GenericDryRunAlert>? Results, UiError? Error)>> OnDryRun { get; set; } = default!;

    private string Sample => GenericMappingSample.Build(_draft.ToMapping());

    protected override void OnParametersSet()
    {
        // Only a newly saved (or first loaded) mapping replaces the draft; re-renders must keep the admin's edits.
        // Compared as JSON: every save of the integration brings a new (but maybe equal) mapping object.
        var json = JsonSerializer.Serialize(Integration.Mapping, JsonSerializerOptions.Web);
        if (json != _shownJson)
        {
            _shownJson = json;
            _draft = MappingDraft.From(Integration.Mapping ?? GenericMapping.Default);
            _error = null;
        }
    }

    private void Set(TextField field, ChangeEventArgs e)
    {
        field.Set(_draft, e.Value?.ToString() ?? "");
        _saved = false;
    }

    private void UseDefault()
    {
        _draft = MappingDraft.From(GenericMapping.Default);
        _error = null;
        _saved = false;
    }

    // A field's own errors and those of its parts (severity.map.P1 shows under severity as "map.P1: …").
    private string? Problem(string field)
    {
        var messages = (_error?.Fields ?? new Dictionary<string, string[]>())
            .Where(e => e.Key == field || e.Key.StartsWith(field + ".", StringComparison.Ordinal))
            .SelectMany(e => e.Value.Select(m => e.Key == field ? m : $"{e.Key[(field.Length + 1)..]}: {m}"))
            .ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    private async Task SaveAsync()
    {
        _saved = false;
        _error = await OnSave(_draft.ToMapping());
        _saved = _error is null;
    }

    private async Task DryRunAsync()
    {
        _results = null;
        _dryRunError = null;
        var sample = DryRunSample.Parse(_sample);
        if (sample.Payload is not { } payload)
        {
            _dryRunError = UiError.Of(sample.Error ?? "Paste a JSON body (an object or an array) as your sender would post it.");
            return;
        }

        var (results, error) = await OnDryRun(new MappingDryRunCall(_draft.ToMapping(), payload));
        _results = results;
        if (error is null)
        {
            return;
        }

        var itemErrors = error.Fields.Where(f => f.Key.StartsWith("items[", StringComparison.Ordinal) || f.Key is "body" or "payload").ToList();
        if (itemErrors.Count < error.Fields.Count)
        {
            // The sample is not the problem (yet): a mapping field is, so mark it where the admin can fix it.
            _error = error;
            _dryRunError = UiError.Of("Fix the fields marked in red above first.");
        }
        else if (itemErrors.Count > 0)
        {
            // Items are named by position and field, so the key is the useful part of each message.
            _dryRunError = new UiError("The sender would get 400 for this body, and nothing from it would be stored:",
                itemErrors.ToDictionary(f => f.Key, f => f.Value.Select(m => $"{f.Key}: {m}").ToArray()));
        }
        else
        {
            _dryRunError = error;
        }
    }

    private sealed record TextField(string Key, string Label, string Placeholder, Func<MappingDraft, string> Get, Action<MappingDraft, string> Set);

    private sealed record FieldSetField(
        string Key, string Label, string PathPlaceholder, string FieldsPlaceholder,
        Func<MappingDraft, string> GetPath, Action<MappingDraft, string> SetPath, Func<MappingDraft, string> GetFields, Action<MappingDraft, string> SetFields);
}
