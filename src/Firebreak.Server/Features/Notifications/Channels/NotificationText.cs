using System.Globalization;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>The words every channel uses, so an email, a chat message and a card say the same thing.</summary>
public static class NotificationText
{
    /// <summary>Chat messages and cards list at most this many incidents of a bundle; the rest are counted.</summary>
    public const int MaxListed = 20;

    /// <summary>"[SEV-1] #12 Checkout down (checkout)", or "[Firebreak] 37 incidents need you" for a bundle.</summary>
    public static string Subject(NotificationMessage message)
    {
        var subject = message.Incidents.Count switch
        {
            0 => $"[Firebreak] {Note(message)}",
            1 => Headline(message.Incidents[0]),
            _ => string.Create(CultureInfo.InvariantCulture, $"[Firebreak] {message.Incidents.Count} incidents need you"),
        };
        return message.IsTest ? "[TEST] " + subject : subject;
    }

    /// <summary>"[SEV-1] #12 Checkout down (checkout)".</summary>
    public static string Headline(IncidentNotice incident) =>
        $"[{incident.Severity}] {incident.Reference} {incident.Title}" + (incident.Service is { } service ? $" ({service})" : "");

    public static string AlsoPaged(IncidentNotice incident) =>
        incident.AlsoPaged.Count == 0 ? "no one else" : string.Join(", ", incident.AlsoPaged);

    public static string Service(IncidentNotice incident) => incident.Service ?? "no service";

    public static string TestNote => "This is a test notification; nothing is wrong.";

    /// <summary>The message's own note, the test note for a test, or null.</summary>
    public static string? Note(NotificationMessage message) => message.Note ?? (message.IsTest ? TestNote : null);

    /// <summary>"N incidents need you" above a bundle; nothing for one incident or a note-only message.</summary>
    public static string? BundleHeading(NotificationMessage message) => message.Incidents.Count > 1
        ? string.Create(CultureInfo.InvariantCulture, $"{message.Incidents.Count} incidents need you")
        : null;

    public static string MoreNote(int more) =>
        string.Create(CultureInfo.InvariantCulture, $"…and {more} more; open Firebreak to see them all.");
}
