using System.Globalization;
using System.Text;
using Firebreak.Core.StatusPage;
using MimeKit;

namespace Firebreak.Server.Features.StatusPage.Subscribers;

/// <summary>
/// The two emails a subscriber gets, as plain text: whatever a component's name holds arrives as text, never markup.
/// Every notice carries RFC 8058 one-click unsubscribe headers as well as the link.
/// </summary>
public static class SubscriberNotice
{
    /// <summary>"key=status" for each watched component (all when none are named), in key order: what a notice tells.</summary>
    public static string Told(IEnumerable<StatusComponent> components, string watched)
    {
        var keys = watched.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return string.Join(' ', components.Where(c => keys.Count == 0 || keys.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Status}"));
    }

    public static MimeMessage Confirmation(MailboxAddress from, StatusSubscriber subscriber, string pageName, Uri links)
    {
        var confirm = new Uri(links, $"status/subscribers/confirm?token={subscriber.Token}");
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Someone, we hope you, asked to be emailed when {pageName} changes.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"To confirm, open this link and press Confirm: {confirm}")
            .AppendLine()
            .AppendLine("If it was not you, ignore this email: nothing more will be sent to you.");
        return Message(from, subscriber.Email, $"Confirm your subscription to {pageName}", body.ToString(), unsubscribe: null);
    }

    /// <summary>What changed since the last notice and the public updates since, then where everything it watches stands.</summary>
    public static MimeMessage Notice(
        MailboxAddress from, StatusSubscriber subscriber, IReadOnlyList<StatusComponent> components, IReadOnlyList<ToldUpdate> updates, string pageName, Uri links)
    {
        var before = Parse(subscriber.LastTold);
        var watched = Parse(Told(components, subscriber.Components));
        var byKey = components.ToDictionary(c => c.Key, StringComparer.Ordinal);
        var changed = watched.Where(w => !before.TryGetValue(w.Key, out var was) || was != w.Value).Select(w => byKey[w.Key]).ToList();
        var subject = changed.Count switch
        {
            0 when updates.Count > 0 => $"{pageName}: {updates[^1].Incident} ({PublicIncidentStatus.Label(updates[^1].Status)})"
                + (updates.Count > 1 ? $", and {updates.Count - 1} more update{(updates.Count > 2 ? "s" : "")}" : ""),
            0 => $"{pageName}: status update",
            1 => $"{pageName}: {changed[0].Name} is {ComponentStatus.Label(changed[0].Status).ToLowerInvariant()}",
            _ => $"{pageName}: {changed[0].Name} is {ComponentStatus.Label(changed[0].Status).ToLowerInvariant()}, and {changed.Count - 1} more changed",
        };
        var unsubscribe = new Uri(links, $"status/subscribers/unsubscribe?token={subscriber.Token}");
        var body = new StringBuilder();
        foreach (var c in changed)
        {
            var was = before.TryGetValue(c.Key, out var status) ? $" (was {ComponentStatus.Label(status).ToLowerInvariant()})" : "";
            body.AppendLine(CultureInfo.InvariantCulture, $"{c.Name}: {ComponentStatus.Label(c.Status)}{was}");
        }

        foreach (var u in updates)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"{u.Incident}: {PublicIncidentStatus.Label(u.Status)} ({u.PublishedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC)")
                .AppendLine(u.Body)
                .AppendLine();
        }

        body.AppendLine().AppendLine("Now:");
        foreach (var key in watched.Keys)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"  {byKey[key].Name}: {ComponentStatus.Label(byKey[key].Status)}");
        }

        body.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"The status page: {new Uri(links, "status")}")
            .AppendLine(CultureInfo.InvariantCulture, $"Stop these emails: {unsubscribe}");
        return Message(from, subscriber.Email, subject, body.ToString(), unsubscribe);
    }

    private static Dictionary<string, string> Parse(string told) =>
        told.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static MimeMessage Message(MailboxAddress from, string to, string subject, string text, Uri? unsubscribe)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(to));
        if (unsubscribe is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return message;
    }
}
