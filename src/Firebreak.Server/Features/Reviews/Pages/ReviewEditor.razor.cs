using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Reviews.Pages;

/// <summary>
/// Writing a review. It does not reload on incident changes while someone types: a save made from a stale copy is
/// refused by the review's revision, and the message says to reload.
/// </summary>
public sealed partial class ReviewEditor
{
    private ReviewDto? _review;
    private ReviewForm _form = new();
    private UiError? _error;
    private string _missing = "";
    private bool _canStart;
    private bool _saved;
    private UiError? _actionError;
    private ActionDraft _action = new();

    [Parameter]
    public string Reference { get; set; } = "";

    private bool ReadOnly => !IsResponder || _review?.Status == ReviewStatus.Published;

    protected override async Task OnPageInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        var reference = Reference;
        var (outcome, canStart) = await QueryAsync(async (sp, ct) =>
        {
            var reviews = sp.GetRequiredService<ReviewService>();
            var got = await reviews.GetAsync(reference, ct);
            return (got, !got.IsOk && await reviews.CanStartAsync(reference, ct));
        });
        Show(outcome);
        _canStart = canStart;
        _missing = outcome.IsOk ? "" : canStart ? "This severity does not ask for a review; start one if there is something to learn." : outcome.Error ?? "";
    }

    private void Show(Outcome<ReviewDto> outcome)
    {
        if (outcome.Value is { } review)
        {
            _review = review;
            _form = ReviewForm.From(review);
        }
    }

    private void Keep(long id, bool keep)
    {
        if (keep)
        {
            _form.Kept.Add(id);
        }
        else
        {
            _form.Kept.Remove(id);
        }
    }

    private Task StartAsync() => WhileBusyAsync(async () =>
    {
        var reference = Reference;
        var outcome = await CommandAsync(RoleNames.Responder, (sp, actor, ct) => sp.GetRequiredService<ReviewService>().StartAsync(actor, reference, ct));
        _error = UiError.From(outcome);
        Show(outcome);
    });

    /// <summary>Adds a follow-up and reloads, keeping what is typed in the review: only its list of action items is taken anew.</summary>
    private Task AddActionItemAsync() => WhileBusyAsync(async () =>
    {
        var request = new ReviewActionItemRequest(_action.Title, _action.Priority, _action.Owner,
            _action.Due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var reference = Reference;
        var added = await CommandAsync(RoleNames.Responder, (sp, actor, ct) => sp.GetRequiredService<ReviewActionItems>().AddAsync(actor, reference, request, ct));
        _actionError = UiError.From(added);
        if (!added.IsOk)
        {
            return;
        }

        _action = new();
        var reloaded = await QueryAsync((sp, ct) => sp.GetRequiredService<ReviewService>().GetAsync(reference, ct));
        if (reloaded.Value is { } review && _review is not null)
        {
            _review = _review with { ActionItems = review.ActionItems };
        }
    });

    private sealed class ActionDraft
    {
        public string Title { get; set; } = "";
        public string Owner { get; set; } = "";
        public DateOnly? Due { get; set; }
        public string Priority { get; set; } = "P1";
    }

    private Task SaveAsync() => WhileBusyAsync(async () => await SaveThenAsync(null));

    private Task SubmitAsync() => WhileBusyAsync(async () =>
        await SaveThenAsync((sp, actor, reference, ct) => sp.GetRequiredService<ReviewService>().SubmitAsync(actor, reference, ct)));

    private Task PublishAsync() => WhileBusyAsync(async () =>
        await SaveThenAsync((sp, actor, reference, ct) => sp.GetRequiredService<ReviewService>().PublishAsync(actor, reference, ct)));

    /// <summary>Saves what is on screen, then moves the review on if asked; each step stops at the first refusal, with its reason.</summary>
    private async Task SaveThenAsync(Func<IServiceProvider, Audit.Actor, string, CancellationToken, Task<Outcome<ReviewDto>>>? then)
    {
        _saved = false;
        var (request, errors) = _form.ToRequest();
        if (request is null)
        {
            _error = new UiError("Check the fields marked in red below.", errors);
            return;
        }

        var reference = Reference;
        var saved = await CommandAsync(RoleNames.Responder, (sp, actor, ct) => sp.GetRequiredService<ReviewService>().SaveAsync(actor, reference, request, ct));
        _error = UiError.From(saved);
        if (!saved.IsOk)
        {
            return;
        }

        Show(saved);
        if (then is not null)
        {
            var moved = await CommandAsync(RoleNames.Responder, (sp, actor, ct) => then(sp, actor, reference, ct));
            _error = UiError.From(moved);
            Show(moved);
        }

        _saved = _error is null;
    }
}
