using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Notifications;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Notifications.Pages;

/// <summary>
/// The signed-in user's own contact methods, notification rules and test pages. Every role may be paged (a viewer
/// can sit on a schedule), so everything here needs only a viewer.
/// </summary>
public sealed partial class NotificationsPage
{
    // A test goes through the real queue; the runner picks it up within a second or two, a slow webhook takes longer.
    private static readonly TimeSpan s_pollEvery = TimeSpan.FromSeconds(1);
    private const int MaxPolls = 60;

    private readonly Dictionary<long, TestProgress> _tests = [];
    private ContactDraft _draft = new();
    private List<NotificationRuleDraft> _rules = [];
    private UiError? _addError;
    private UiError? _methodError;
    private UiError? _rulesError;
    private bool _rulesSaved;
    private long? _confirmRemove;

    [PersistentState]
    public IReadOnlyList<ContactMethodDto>? Methods { get; set; }

    private string Me => User.Identity?.Name ?? "";

    protected override async Task OnPageInitializedAsync()
    {
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var me = Me;
        var (methods, rules) = await QueryAsync(async (sp, ct) =>
        {
            var contacts = sp.GetRequiredService<ContactService>();
            return ((await contacts.ListAsync(me, ct)).Value ?? [], (await contacts.RulesAsync(me, ct)).Value ?? []);
        });
        Methods = methods;
        _rules = [.. rules.Select(r => new NotificationRuleDraft { ContactMethodId = r.ContactMethodId, DelayMinutes = r.DelayMinutes })];
    }

    // The username always comes from the signed-in principal on the server, never from anything the page holds.
    private Task AddAsync() => WhileBusyAsync(async () =>
    {
        var request = _draft.ToRequest();
        var outcome = await CommandAsync(RoleNames.Viewer, (sp, actor, ct) =>
            sp.GetRequiredService<ContactService>().AddAsync(actor, actor.Name, request, ct));
        _addError = UiError.From(outcome);
        if (outcome.IsOk)
        {
            _draft = new ContactDraft { Kind = _draft.Kind };
            await ReloadMethodsAsync();
        }
    });

    private Task RemoveAsync(ContactMethodDto method) => WhileBusyAsync(async () =>
    {
        _confirmRemove = null;
        var outcome = await CommandAsync(RoleNames.Viewer, (sp, actor, ct) =>
            sp.GetRequiredService<ContactService>().RemoveAsync(actor, actor.Name, method.Id, ct));
        _methodError = UiError.From(outcome);
        _tests.Remove(method.Id);
        // Removing a method removes its rules on the server too; show both as they now are.
        await LoadAsync();
    });

    private async Task ReloadMethodsAsync()
    {
        var me = Me;
        Methods = await QueryAsync(async (sp, ct) => (await sp.GetRequiredService<ContactService>().ListAsync(me, ct)).Value ?? []);
    }

    private async Task TestAsync(ContactMethodDto method)
    {
        if (_tests.GetValueOrDefault(method.Id) is { Done: false })
        {
            return;
        }

        var outcome = await CommandAsync(RoleNames.Viewer, (sp, actor, ct) =>
            sp.GetRequiredService<ContactService>().TestAsync(actor, actor.Name, method.Id, ct));
        _methodError = UiError.From(outcome);
        if (outcome.Value is not { } test)
        {
            _tests.Remove(method.Id);
            return;
        }

        _tests[method.Id] = new TestProgress(test.Status, false);
        _ = PollAsync(method.Id, test.Delivery);
    }

    /// <summary>Follows a test page until it is sent or failed, for a minute at most: a dead channel must not poll forever.</summary>
    private async Task PollAsync(long methodId, Guid delivery)
    {
        var me = Me;
        try
        {
            using var timer = new PeriodicTimer(s_pollEvery, Clock);
            for (var i = 0; i < MaxPolls && await timer.WaitForNextTickAsync(Closed); i++)
            {
                var status = await QueryAsync((sp, ct) => sp.GetRequiredService<ContactService>().DeliveryStatusAsync(me, delivery, ct));
                var text = status.Value is { } s ? (s.Error is null ? s.Status : $"{s.Status}: {s.Error}") : "unknown";
                var done = status.Value?.Status is not ("queued" or "sending" or "bundled");
                await InvokeAsync(() =>
                {
                    _tests[methodId] = new TestProgress(text, done);
                    StateHasChanged();
                });
                if (done)
                {
                    return;
                }
            }

            await InvokeAsync(() =>
            {
                _tests[methodId] = new TestProgress("unknown", true);
                StateHasChanged();
            });
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    private void AddRule()
    {
        if (Methods is { Count: > 0 } methods)
        {
            _rules.Add(new NotificationRuleDraft { ContactMethodId = methods[0].Id, DelayMinutes = _rules.Count == 0 ? 0 : 5 });
            _rulesSaved = false;
        }
    }

    private Task SaveRulesAsync() => WhileBusyAsync(async () =>
    {
        var request = new NotificationRulesRequest([.. _rules.Select(r => r.ToDto())]);
        var outcome = await CommandAsync(RoleNames.Viewer, (sp, actor, ct) =>
            sp.GetRequiredService<ContactService>().SetRulesAsync(actor, actor.Name, request, ct));
        _rulesError = UiError.From(outcome);
        _rulesSaved = outcome.IsOk;
        if (outcome.Value is { } saved)
        {
            _rules = [.. saved.Select(r => new NotificationRuleDraft { ContactMethodId = r.ContactMethodId, DelayMinutes = r.DelayMinutes })];
        }
    });
}
