namespace Firebreak.Server.Features.Incidents.Pages;

public sealed record ChecklistToggle(long ItemId, bool Done);
