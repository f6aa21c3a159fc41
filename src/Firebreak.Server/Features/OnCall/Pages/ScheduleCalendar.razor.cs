using System.Globalization;
using Firebreak.Server.Features.OnCall;
using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.OnCall.Pages;

/// <summary>
/// Two weeks of a schedule: one row per day with the final timeline, each layer's own row beneath it, and (for
/// responders) a range picked by pressing on one half-hour cell of a final row and releasing on another.
/// </summary>
public sealed partial class ScheduleCalendar
{
    private CalendarCell? _anchor;
    private CalendarCell _hover;

    [Parameter, EditorRequired]
    public CalendarGrid Grid { get; set; } = default!;

    [Parameter, EditorRequired]
    public ScheduleCalendarDto Calendar { get; set; } = default!;

    [Parameter]
    public bool CanSelect { get; set; }

    /// <summary>The range waiting in the override form, kept highlighted until it is saved or cancelled.</summary>
    [Parameter]
    public (DateTimeOffset From, DateTimeOffset To)? Pending { get; set; }

    [Parameter]
    public EventCallback<(DateTimeOffset From, DateTimeOffset To)> OnSelect { get; set; }

    private void Press(CalendarCell cell)
    {
        if (CanSelect)
        {
            _anchor = cell;
            _hover = cell;
        }
    }

    private async Task ReleaseAsync(CalendarCell cell)
    {
        if (_anchor is not { } anchor)
        {
            return;
        }

        _anchor = null;
        await OnSelect.InvokeAsync(Grid.Range(anchor, cell));
    }

    private bool IsSelected(CalendarCell cell)
    {
        if (_anchor is { } anchor)
        {
            return cell.Index >= Math.Min(anchor.Index, _hover.Index) && cell.Index <= Math.Max(anchor.Index, _hover.Index);
        }

        if (Pending is not { } pending)
        {
            return false;
        }

        var start = Grid.CellStart(cell.Index);
        return start >= pending.From && start < pending.To;
    }

    private static string Pct(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
