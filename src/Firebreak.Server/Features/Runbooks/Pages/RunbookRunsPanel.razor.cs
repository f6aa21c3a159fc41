using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Runbooks.Runners;
using Firebreak.Server.Features.Runbooks.Runs;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Runbooks.Pages;

/// <summary>The incident's runbook runs: each step with its last result and output, and the buttons to run, approve and conclude.</summary>
public sealed partial class RunbookRunsPanel
{
    private readonly Dictionary<(long, int), string?> _notes = [];
    private readonly Dictionary<long, string?> _verdictNotes = [];
    private readonly Dictionary<long, string> _stopped = [];
    private IReadOnlyList<RunDto> _runs = [];
    private IncidentPanelContext? _loadedFor;
    private UiError? _error;

    // An HTTP step acts on a live system: the first click asks, the second sends.
    private (long Run, int Step)? _confirming;

    // Run all presses several controls in a row: it asks too.
    private long? _confirmingAll;

    [Parameter, EditorRequired]
    public IncidentPanelContext Incident { get; set; } = default!;

    private string Reference => Incident.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected override Task OnPageInitializedAsync()
    {
        WatchIncidents(change => change.Slug == Incident.Slug, LoadAsync);
        return Task.CompletedTask;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor != Incident)
        {
            _loadedFor = Incident;
            await LoadAsync();
        }
    }

    private static string StatusText(string? status) => status switch
    {
        StepStatus.Done => "done",
        StepStatus.Succeeded => "succeeded",
        StepStatus.Failed => "failed",
        StepStatus.AwaitingApproval => "waiting for approval",
        StepStatus.Running => "running",
        StepStatus.Cancelled => "cancelled",
        _ => "not run",
    };

    private Task RunAsync(long run, int step) => WhileBusyAsync(async () =>
    {
        _confirming = null;
        var note = _notes.GetValueOrDefault((run, step));
        var outcome = await CommandAsync(RoleNames.Responder, (sp, actor, ct) =>
            sp.GetRequiredService<RunbookRunService>().RunStepAsync(actor, run, step, new StepRequest(note), ct));
        await AfterAsync(outcome);
    });

    private Task RunAllAsync(long run) => WhileBusyAsync(async () =>
    {
        _confirmingAll = null;
        var outcome = await CommandAsync(RoleNames.Responder, (sp, actor, ct) =>
            sp.GetRequiredService<RunbookRunAll>().RunAsync(actor, run, ct));
        _error = UiError.From(outcome);
        if (outcome.Value is { } all)
        {
            var title = all.Run.Steps.FirstOrDefault(s => s.Number == all.StoppedAt)?.Title;
            _stopped[run] = $"{(all.Ran.Count == 0 ? "Nothing ran. " : $"Ran {string.Join(", ", all.Ran)}. ")}{(title is null ? "" : $"Stopped at step {all.StoppedAt} '{title}': ")}{all.Stopped}.";
        }

        await LoadAsync();
    });

    private Task ApproveAsync(long run, int step) => WhileBusyAsync(async () =>
    {
        var outcome = await CommandAsync(RoleNames.Responder, (sp, actor, ct) =>
            sp.GetRequiredService<RunbookRunService>().ApproveAsync(actor, run, step, ct));
        await AfterAsync(outcome);
    });

    // A shell step runs on a runner; stopping it kills its process tree there.
    private Task CancelAsync(long run, int step) => WhileBusyAsync(async () =>
    {
        var outcome = await CommandAsync(RoleNames.Responder, (sp, actor, ct) =>
            sp.GetRequiredService<RunnerDispatch>().CancelAsync(actor, run, step, ct));
        _error = UiError.From(outcome);
        await LoadAsync();
    });

    private Task FinishAsync(long run, string verdict) => WhileBusyAsync(async () =>
    {
        var note = _verdictNotes.GetValueOrDefault(run);
        var outcome = await CommandAsync(RoleNames.Responder, (sp, actor, ct) =>
            sp.GetRequiredService<RunbookRunService>().FinishAsync(actor, run, new FinishRunRequest(verdict, note), ct));
        await AfterAsync(outcome);
    });

    private async Task AfterAsync(Http.Outcome<RunDto> outcome)
    {
        _error = UiError.From(outcome);
        await LoadAsync();
    }

    private async Task LoadAsync() =>
        _runs = await QueryAsync(async (sp, ct) => (await sp.GetRequiredService<RunbookRunService>().ListAsync(Reference, ct)).Value ?? []);
}
