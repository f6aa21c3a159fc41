using Firebreak.Core.OnCall;

namespace Firebreak.Server.Features.OnCall.Pages;

/// <summary>One layer as the editor holds it: text fields as the inputs give them, slots of people in turn.</summary>
public sealed class LayerDraft
{
    public string Name { get; set; } = "";
    public List<List<string>> Slots { get; set; } = [];
    public string Shift { get; set; } = "weekly";
    public string Start { get; set; } = "";
    public string Handoff { get; set; } = "";
    public string Restrictions { get; set; } = "";

    /// <summary>Kept as stored: the editor has no field for them, and saving must not drop them.</summary>
    public string? End { get; set; }

    public int? RotationOffset { get; set; }

    public string PersonToAdd { get; set; } = "";

    public static LayerDraft Of(LayerSpec layer, int index) => new()
    {
        Name = ScheduleSpec.LayerName(layer, index),
        Slots = [.. layer.Participants.Select(slot => slot.ToList())],
        Shift = layer.Shift ?? "",
        Start = layer.Start ?? "",
        Handoff = layer.Handoff ?? "",
        Restrictions = string.Join("\n", layer.Restrictions ?? []),
        End = layer.End,
        RotationOffset = layer.RotationOffset,
    };

    public LayerSpec ToSpec()
    {
        var restrictions = Restrictions.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new LayerSpec(Name.Trim(), [.. Slots.Select(s => (IReadOnlyList<string>)s)], Shift.Trim(), Start.Trim(),
            string.IsNullOrWhiteSpace(Handoff) ? null : Handoff.Trim(), End, restrictions.Length == 0 ? null : restrictions, RotationOffset);
    }
}

/// <summary>A schedule as the editor holds it before it is saved.</summary>
public sealed class ScheduleDraft
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public List<LayerDraft> Layers { get; set; } = [];

    public static ScheduleDraft Of(ScheduleDto schedule) => new()
    {
        Key = schedule.Key,
        Name = schedule.Name,
        TimeZone = schedule.TimeZone,
        Layers = [.. schedule.Layers.Select(LayerDraft.Of)],
    };

    /// <summary>Overrides are left out so that an edit keeps the schedule's own.</summary>
    public ScheduleRequest ToRequest() => new(Name, TimeZone, [.. Layers.Select(l => l.ToSpec())], null);
}
