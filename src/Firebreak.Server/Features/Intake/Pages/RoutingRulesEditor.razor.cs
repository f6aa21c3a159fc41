using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Intake;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Intake.Pages;

/// <summary>What the page needs to try rules that are not saved yet.</summary>
public sealed record DryRunCall(List<RoutingRuleConfig> Rules, Dictionary<string, string>? Labels, System.Text.Json.JsonElement? Payload);

/// <summary>
/// Edits an integration's ordered routing rules. Validation is the service's; the dry run sends the rules as they stand
/// in the editor, so an admin can try a change before anything routes by it.
/// </summary>
public sealed partial class RoutingRulesEditor
{
    private const string MatcherExample = "env=\"prod\"\nalertname=~\"DB.*\"";
    private const string SampleExample = "alertname=HighLatency\nenv=prod";

    private List<RuleDraft> _drafts = [];
    private IReadOnlyList<RoutingRuleConfig>? _shownRules;
    private string? _sample;
    private UiError? _error;
    private UiError? _dryRunError;
    private IReadOnlyList<RoutingDryRunResult>? _results;
    private bool _saved;

    [Parameter, EditorRequired]
    public IntegrationDto Integration { get; set; } = default!;

    [Parameter, EditorRequired]
    public IReadOnlyList<ServiceOption> Services { get; set; } = [];

    [Parameter, EditorRequired]
    public IReadOnlyList<SeverityOption> Severities { get; set; } = [];

    [Parameter]
    public bool Busy { get; set; }

    /// <summary>Saves the rules; returns the error to show, or null when saved.</summary>
    [Parameter, EditorRequired]
    public Func<List<RoutingRuleConfig>, Task<UiError?>> OnSave { get; set; } = default!;

    [Parameter, EditorRequired]
    public Func<DryRunCall, Task<(IReadOnlyList<RoutingDryRunResult>? Results, UiError? Error)>> OnDryRun { get; set; } = default!;

    // Compared as configs, not by what is on screen: an edit left half-done must not count as a change.
    private bool IsDirty => !_drafts.Select(d => d.ToConfig()).SequenceEqual(Integration.Rules, RuleComparer.Instance);

    protected override void OnParametersSet()
    {
        // Only a newly saved (or first loaded) rule list replaces the drafts; re-renders must keep the admin's edits.
        if (!ReferenceEquals(_shownRules, Integration.Rules))
        {
            _shownRules = Integration.Rules;
            Reset();
        }
    }

    private void Reset()
    {
        _drafts = [.. Integration.Rules.Select(RuleDraft.From)];
        _error = null;
    }

    private void Add()
    {
        _drafts.Add(new RuleDraft());
        _saved = false;
    }

    private void Remove(int index)
    {
        _drafts.RemoveAt(index);
        _error = null;
    }

    private void Move(int index, int by)
    {
        var to = index + by;
        if (to < 0 || to >= _drafts.Count)
        {
            return;
        }

        (_drafts[index], _drafts[to]) = (_drafts[to], _drafts[index]);
        // Errors name rules by position, so they would now point at the wrong rule.
        _error = null;
    }

    private async Task SaveAsync()
    {
        _saved = false;
        _error = await OnSave([.. _drafts.Select(d => d.ToConfig())]);
        _saved = _error is null;
    }

    private async Task DryRunAsync()
    {
        _results = null;
        var sample = DryRunSample.Parse(_sample);
        if (sample.Error is { } problem)
        {
            _dryRunError = UiError.Of(problem);
            return;
        }

        var (results, error) = await OnDryRun(new DryRunCall([.. _drafts.Select(d => d.ToConfig())], sample.Labels, sample.Payload));
        _results = results;
        if (error is not null && error.Fields.Keys.Any(k => k.StartsWith("rules[", StringComparison.Ordinal)))
        {
            // The sample is fine but a rule is not: mark the rule where the admin can fix it.
            _error = error;
            _dryRunError = UiError.Of("Fix the rules marked in red above first.");
        }
        else
        {
            _dryRunError = error;
        }
    }

    private sealed class RuleComparer : IEqualityComparer<RoutingRuleConfig>
    {
        public static readonly RuleComparer Instance = new();

        public bool Equals(RoutingRuleConfig? x, RoutingRuleConfig? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Service == y.Service && x.Severity == y.Severity
            && (x.Drop == true) == (y.Drop == true) && (x.Match ?? []).SequenceEqual(y.Match ?? []);

        public int GetHashCode(RoutingRuleConfig obj) => HashCode.Combine(obj.Name, obj.Service, obj.Severity);
    }
}
