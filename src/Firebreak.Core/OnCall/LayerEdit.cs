using NodaTime;

namespace Firebreak.Core.OnCall;

public enum EditMode
{
    /// <summary>Whoever is on at the edit stays on until their shift's normal end; the rotation then continues from
    /// them in the new order.</summary>
    KeepCurrent,

    /// <summary>The new order applies as if it had always been the order, which may change who is on right away.</summary>
    Reshuffle,
}

/// <summary>Edits to a layer that do not move people around unless asked to.</summary>
public static class LayerEdit
{
    /// <summary>
    /// The layer with <paramref name="participants"/> in place of its participants, re-anchored (through
    /// <see cref="Layer.RotationOffset"/>) so that the slot on at <paramref name="at"/> keeps the rest of its shift.
    /// </summary>
    /// <remarks>
    /// The slot on at the edit is found in the new list by the same people (preferring the same position when a slot
    /// appears more than once), then by any shared person (someone was added to or removed from the slot: the edited slot
    /// takes over). When nobody of the slot on remains, the slot that followed it in the old order takes over at the edit
    /// (the first of the old successors that is still in the list), otherwise the new first slot; it finishes the
    /// current shift and the rotation continues after it. Before the layer starts or after it ends the new list simply
    /// starts with its first slot. Shifts before the edit are computed with the new order too: keep the old layer (with
    /// an end) if the past has to be shown as it was.
    /// </remarks>
    public static Layer ReplaceParticipants(
        Layer layer, DateTimeZone zone, IReadOnlyList<IReadOnlyList<string>> participants, Instant at, EditMode mode = EditMode.KeepCurrent)
    {
        if (participants.Count == 0)
        {
            return layer with { Participants = participants, RotationOffset = 0 };
        }

        if (mode == EditMode.Reshuffle)
        {
            return layer with { Participants = participants, RotationOffset = (int)Layer.Mod(layer.RotationOffset, participants.Count) };
        }

        if (layer.SlotAt(zone, at) is not { } current)
        {
            return layer with { Participants = participants, RotationOffset = 0 };
        }

        var keep = TakingOver(layer.Participants, current, participants);
        var rotationIndex = layer.RotationIndexAt(zone, at);
        return layer with { Participants = participants, RotationOffset = (int)Layer.Mod(keep - rotationIndex, participants.Count) };
    }

    private static int TakingOver(IReadOnlyList<IReadOnlyList<string>> old, int current, IReadOnlyList<IReadOnlyList<string>> updated)
    {
        for (var step = 0; step < old.Count; step++)
        {
            var position = (current + step) % old.Count;
            var slot = old[position];
            if (position < updated.Count && SameSlot(updated[position], slot))
            {
                return position;
            }

            var match = Find(updated, s => SameSlot(s, slot)) ?? Find(updated, s => s.Intersect(slot, StringComparer.Ordinal).Any());
            if (match is { } index)
            {
                return index;
            }
        }

        return 0;
    }

    private static bool SameSlot(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.ToHashSet(StringComparer.Ordinal).SetEquals(b);

    private static int? Find(IReadOnlyList<IReadOnlyList<string>> slots, Func<IReadOnlyList<string>, bool> predicate)
    {
        for (var i = 0; i < slots.Count; i++)
        {
            if (predicate(slots[i]))
            {
                return i;
            }
        }

        return null;
    }
}
