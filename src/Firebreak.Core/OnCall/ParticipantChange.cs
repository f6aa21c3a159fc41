using NodaTime;

namespace Firebreak.Core.OnCall;

/// <summary>
/// A layer's participants replaced at an instant (<see cref="LayerEdit.ReplaceParticipants"/>), with who of the layer
/// was on then and is on after, so the API, config plans and the audit log can say what the edit did to the person on call.
/// </summary>
public sealed record ParticipantChange(Layer Layer, IReadOnlyList<string>? OnBefore, IReadOnlyList<string>? OnAfter)
{
    public static ParticipantChange Of(
        Layer layer, DateTimeZone zone, IReadOnlyList<IReadOnlyList<string>> participants, Instant at, EditMode mode)
    {
        var edited = LayerEdit.ReplaceParticipants(layer, zone, participants, at, mode);
        return new ParticipantChange(edited, OnAt(layer, zone, at), OnAt(edited, zone, at));
    }

    /// <summary>"keeps bob on call", "puts carol on call instead of bob", or null when the layer has nobody on at the edit.</summary>
    public string? Summary =>
        OnBefore is null || OnAfter is null ? null
        : OnBefore.ToHashSet(StringComparer.Ordinal).SetEquals(OnAfter) ? $"keeps {Names(OnAfter)} on call"
        : $"puts {Names(OnAfter)} on call instead of {Names(OnBefore)}";

    private static IReadOnlyList<string>? OnAt(Layer layer, DateTimeZone zone, Instant at) =>
        layer.SlotAt(zone, at) is { } slot ? layer.Participants[slot] : null;

    private static string Names(IReadOnlyList<string> people) => string.Join(" and ", people);
}
