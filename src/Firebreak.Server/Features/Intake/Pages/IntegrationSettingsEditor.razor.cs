using System.Globalization;
using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Intake;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Intake.Pages;

/// <summary>Edits an integration's name, service, grouping and rate limit; validation is the service's.</summary>
public sealed partial class IntegrationSettingsEditor
{
    private Draft _draft = new();
    private IntegrationDto? _shown;
    private UiError? _error;
    private bool _saved;

    [Parameter, EditorRequired]
    public IntegrationDto Integration { get; set; } = default!;

    [Parameter, EditorRequired]
    public IReadOnlyList<ServiceOption> Services { get; set; } = [];

    [Parameter]
    public bool Busy { get; set; }

    /// <summary>Saves the settings; returns the error to show, or null when saved.</summary>
    [Parameter, EditorRequired]
    public Func<UpdateIntegrationRequest, Task<UiError?>> OnSave { get; set; } = default!;

    protected override void OnParametersSet()
    {
        // Only a newly saved (or first loaded) integration replaces the form; re-renders must keep the admin's edits.
        if (!ReferenceEquals(_shown, Integration))
        {
            _shown = Integration;
            _draft = Draft.From(Integration);
        }
    }

    private async Task SaveAsync()
    {
        _saved = false;
        // The form always sends every field, so blanks mean "none": the API's "" and 0.
        _error = await OnSave(new UpdateIntegrationRequest(
            _draft.Name ?? "",
            _draft.Service ?? "",
            [.. (_draft.GroupBy ?? "").Split(',').Select(g => g.Trim()).Where(g => g.Length > 0)],
            _draft.GroupWindow ?? "",
            _draft.RatePerMinute ?? 0));
        _saved = _error is null;
    }

    private sealed class Draft
    {
        public string? Name { get; set; }

        public string? Service { get; set; }

        public string? GroupBy { get; set; }

        public string? GroupWindow { get; set; }

        public int? RatePerMinute { get; set; }

        public static Draft From(IntegrationDto i) => new()
        {
            Name = i.Name,
            Service = i.Service ?? "",
            GroupBy = string.Join(", ", i.GroupBy),
            GroupWindow = Duration(i.GroupWindowSeconds),
            RatePerMinute = i.RatePerMinute,
        };

        private static string Duration(int seconds) => seconds switch
        {
            > 0 when seconds % 3600 == 0 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h"),
            > 0 when seconds % 60 == 0 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds}s"),
        };
    }
}
