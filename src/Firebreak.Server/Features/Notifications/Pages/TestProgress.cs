namespace Firebreak.Server.Features.Notifications.Pages;

/// <summary>How a test notification is doing: queued, then sent or failed (or still unknown when polling gave up).</summary>
public sealed record TestProgress(string Status, bool Done);
