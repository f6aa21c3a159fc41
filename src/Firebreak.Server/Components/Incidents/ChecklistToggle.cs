namespace Firebreak.Server.Components.Incidents;

public sealed record ChecklistToggle(long ItemId, bool Done);
