using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.OnCall;
using Firebreak.Server.Features.OnCall.Pages;
using Microsoft.AspNetCore.Components;
using NodaTime;

namespace Firebreak.Server.Features.OnCall.Pages;

/// <summary>
/// One schedule: two weeks of its final timeline with the layers beneath, gaps, overrides, and covering a shift by
/// dragging across the calendar (responders and admins).
/// </summary>
public sealed partial class SchedulePage
{
    private const int Days = 14;

    private ScheduleCalendarDto? _calendar;
    private CalendarGrid? _grid;
    private string? _notFound;
    private List<UserDto> _people = [];
    private OverrideDraft? _draft;
    private UiError? _saveError;
    private UiError? _removeError;
    private string? _confirmRemove;
    private string? _myFeed;
    private string? _scheduleFeed;

    [Parameter]
    public string Key { get; set; } = "";

    private (DateTimeOffset From, DateTimeOffset To)? Pending =>
        _draft is not null && _grid?.FromInput(_draft.From) is { } from && _grid.FromInput(_draft.To) is { } to ? (from, to) : null;

    protected override async Task OnPageInitializedAsync()
    {
        await LoadAsync();
        _people = await QueryAsync(async (sp, ct) =>
            (await sp.GetRequiredService<AccountService>().ListAsync(ct))
                .Where(u => !u.Disabled && u.Role != RoleNames.Viewer).OrderBy(u => u.Username, StringComparer.Ordinal).ToList());
        await LoadFeedsAsync();
    }

    private async Task LoadAsync()
    {
        var outcome = await QueryAsync(async (sp, ct) =>
        {
            var schedules = sp.GetRequiredService<ScheduleService>();
            var found = await schedules.GetAsync(Key, ct);
            if (!found.IsOk)
            {
                return ((string?)found.Error, (CalendarGrid?)null, (ScheduleCalendarDto?)null);
            }

            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(found.Value!.TimeZone) ?? DateTimeZone.Utc;
            var grid = CalendarGrid.Starting(zone, Clock.GetUtcNow(), Days);
            var calendar = await schedules.CalendarAsync(Key, grid.Start, grid.End, ct);
            return (calendar.Error, (CalendarGrid?)grid, calendar.Value);
        });
        (_notFound, _grid, _calendar) = outcome;
    }

    // The schedule's address goes to responders and admins only, as in the API: it reads the schedule without signing in.
    private async Task LoadFeedsAsync()
    {
        var username = User.Identity?.Name;
        var me = Actor.FromPrincipal(User, null).UserId;
        if (_calendar is null || string.IsNullOrEmpty(username) || me is not { } holder)
        {
            return;
        }

        var withSchedule = IsResponder;
        var (mine, schedule) = await QueryAsync(async (sp, ct) =>
        {
            var tokens = sp.GetRequiredService<FeedTokens>();
            var user = FeedTokens.UserPath(username, await tokens.TokenForAsync(FeedTokens.UserSubject(username), holder, ct));
            var all = withSchedule ? FeedTokens.SchedulePath(Key, await tokens.TokenForAsync(FeedTokens.ScheduleSubject(Key), holder, ct)) : null;
            return (user, all);
        });
        var root = Navigation.BaseUri.TrimEnd('/');
        _myFeed = root + mine;
        _scheduleFeed = schedule is null ? null : root + schedule;
    }

    private (DateTimeOffset From, DateTimeOffset To) DefaultRange()
    {
        var now = Clock.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        return (start, start.AddHours(8));
    }

    private void Open((DateTimeOffset From, DateTimeOffset To) range)
    {
        var me = User.Identity?.Name ?? "";
        _draft = new OverrideDraft
        {
            Person = _draft?.Person is { Length: > 0 } chosen ? chosen : _people.Any(p => p.Username == me) ? me : _people.Count > 0 ? _people[0].Username : "",
            Mode = _draft?.Mode ?? "replace",
            From = _grid!.InputValue(range.From),
            To = _grid.InputValue(range.To),
        };
        _saveError = null;
    }

    private void Close()
    {
        _draft = null;
        _saveError = null;
    }

    private Task SaveAsync() => WhileBusyAsync(async () =>
    {
        var draft = _draft!;
        var request = new OverrideRequest(draft.Person, Text(draft.From), Text(draft.To), draft.Mode);
        var outcome = await CommandAsync(RoleNames.Responder, (sp, actor, ct) =>
            sp.GetRequiredService<ScheduleService>().AddOverrideAsync(actor, Key, request, ct));
        _saveError = UiError.From(outcome);
        if (outcome.IsOk)
        {
            _draft = null;
            await LoadAsync();
        }
    });

    private Task RemoveAsync(OverrideDto o) => WhileBusyAsync(async () =>
    {
        _confirmRemove = null;
        var outcome = await CommandAsync(RoleNames.Responder, (sp, actor, ct) =>
            sp.GetRequiredService<ScheduleService>().RemoveOverrideAsync(actor, Key, o.Id, ct));
        _removeError = UiError.From(outcome);
        await LoadAsync();
    });

    // The inputs hold local times in the schedule's zone; the service wants instants with their offset.
    private string? Text(DateTime? local) => _grid!.FromInput(local) is { } t ? OverrideIds.Format(t) : null;
}
