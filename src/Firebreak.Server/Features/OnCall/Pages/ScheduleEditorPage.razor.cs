using System.Globalization;
using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Auth;
using Microsoft.AspNetCore.Components;
using NodaTime;
using NodaTime.Text;

namespace Firebreak.Server.Features.OnCall.Pages;

/// <summary>
/// Creates a schedule or edits one (admins): layers with participants picked from people who can be paged, shift,
/// start, hand-off and restrictions, previewed through the same validation as a save before anything is stored.
/// </summary>
public sealed partial class ScheduleEditorPage
{
    private const int MaxShifts = 60;
    private static readonly IReadOnlyList<string> s_zones = [.. DateTimeZoneProviders.Tzdb.Ids.Order(StringComparer.Ordinal)];
    private static readonly LocalDateTimePattern s_local = LocalDateTimePattern.CreateWithInvariantCulture("ddd dd MMM HH:mm");
    private static readonly LocalDateTimePattern s_start = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    private ScheduleDraft? _draft;
    private string? _notFound;
    private List<UserDto> _people = [];
    private PreviewDto? _preview;
    private UiError? _error;
    private bool _saveTried;

    [Parameter]
    public string? Key { get; set; }

    private bool IsNew => Key is null;

    protected override async Task OnPageInitializedAsync()
    {
        // The same people the override form offers: enabled, and never viewers, who cannot acknowledge a page.
        _people = await QueryAsync(async (sp, ct) =>
            (await sp.GetRequiredService<AccountService>().ListAsync(ct))
                .Where(u => !u.Disabled && u.Role != RoleNames.Viewer).OrderBy(u => u.Username, StringComparer.Ordinal).ToList());
        if (IsNew)
        {
            _draft = new ScheduleDraft { TimeZone = "UTC", Layers = [NewLayer(0)] };
        }
        else
        {
            var found = await QueryAsync((sp, ct) => sp.GetRequiredService<ScheduleService>().GetAsync(Key!, ct));
            _notFound = found.Error;
            _draft = found.Value is { } schedule ? ScheduleDraft.Of(schedule) : null;
        }

        await PreviewAsync();
    }

    private LayerDraft NewLayer(int index)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(_draft?.TimeZone ?? "") ?? DateTimeZone.Utc;
        var today = Instant.FromDateTimeOffset(Clock.GetUtcNow()).InZone(zone).Date;
        return new LayerDraft { Name = index == 0 ? "primary" : $"layer {index + 1}", Start = s_start.Format(today.At(new LocalTime(9, 0))) };
    }

    private async Task PreviewAsync()
    {
        if (_draft is null)
        {
            return;
        }

        var key = IsNew ? _draft.Key : null;
        var request = _draft.ToRequest();
        var outcome = await QueryAsync((sp, ct) => sp.GetRequiredService<ScheduleService>().PreviewAsync(key, request, ct));
        _saveTried = false;
        _error = UiError.From(outcome);
        _preview = outcome.Value;
    }

    // Date and time inputs are bound as the text they hold (yyyy-MM-ddTHH:mm, HH:mm), which is what the schedule stores.
    private Task SetStartAsync(LayerDraft layer, ChangeEventArgs e)
    {
        layer.Start = e.Value as string ?? "";
        return PreviewAsync();
    }

    private Task SetHandoffAsync(LayerDraft layer, ChangeEventArgs e)
    {
        layer.Handoff = e.Value as string ?? "";
        return PreviewAsync();
    }

    private Task AddLayerAsync()
    {
        _draft!.Layers.Add(NewLayer(_draft.Layers.Count));
        return PreviewAsync();
    }

    private Task RemoveLayerAsync(int index)
    {
        _draft!.Layers.RemoveAt(index);
        return PreviewAsync();
    }

    private Task AddPersonAsync(LayerDraft layer)
    {
        if (layer.PersonToAdd.Length > 0)
        {
            layer.Slots.Add([layer.PersonToAdd]);
            layer.PersonToAdd = "";
        }

        return PreviewAsync();
    }

    private Task RemoveSlotAsync(LayerDraft layer, int index)
    {
        layer.Slots.RemoveAt(index);
        return PreviewAsync();
    }

    private Task MoveUpAsync(LayerDraft layer, int index)
    {
        (layer.Slots[index - 1], layer.Slots[index]) = (layer.Slots[index], layer.Slots[index - 1]);
        return PreviewAsync();
    }

    private Task SaveAsync() => WhileBusyAsync(async () =>
    {
        var draft = _draft!;
        var request = draft.ToRequest();
        var key = IsNew ? draft.Key.Trim() : Key!;
        var outcome = await CommandAsync(RoleNames.Admin, (sp, actor, ct) =>
        {
            var schedules = sp.GetRequiredService<ScheduleService>();
            return IsNew
                ? schedules.CreateAsync(actor, new CreateScheduleRequest(key, request.Name, request.TimeZone, request.Layers), ct)
                : schedules.UpdateAsync(actor, key, request, ct);
        });
        if (outcome.IsOk)
        {
            Navigation.NavigateTo($"/schedules/{key}");
            return;
        }

        _error = UiError.From(outcome);
        _saveTried = true;
    });

    private static IEnumerable<string> Problems(UiError error) =>
        error.Fields.Count == 0 ? [error.Message] : error.Fields.SelectMany(f => f.Value).Select(Sentence);

    private static string Sentence(string text) => text.Length == 0 || char.IsUpper(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private string Local(DateTimeOffset at)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(_draft?.TimeZone?.Trim() ?? "") ?? DateTimeZone.Utc;
        return s_local.Format(Instant.FromDateTimeOffset(at).InZone(zone).LocalDateTime);
    }
}
