using System.Globalization;
using Firebreak.Server.Http;

namespace Firebreak.Server.Features.ActionItems;

/// <summary>What a follow-up's fields may hold, with messages that say how to fix them.</summary>
public static class ActionItemRules
{
    public const int MaxTitle = 300;
    public const int MaxLink = 2000;

    public static Failure? Title(string? title) =>
        string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitle
            ? Failure.Invalid("title", $"Say what will change, in 1 to {MaxTitle} characters.")
            : null;

    public static Failure? Priority(string? priority) =>
        priority is null || ActionItemPriority.All.Contains(priority.ToUpperInvariant())
            ? null
            : Failure.Invalid("priority", "Priority is P0 (now), P1 (this sprint) or P2 (soon).");

    public static Failure? Status(string? status) =>
        status is null || ActionItemStatus.All.Contains(status)
            ? null
            : Failure.Invalid("status", $"Status is one of: {string.Join(", ", ActionItemStatus.All)}.");

    /// <summary>An empty string means "no due date"; anything else must be a calendar date.</summary>
    public static bool TryDue(string? due, out DateOnly? date, out Failure? failure)
    {
        date = null;
        failure = null;
        if (string.IsNullOrEmpty(due))
        {
            return true;
        }

        if (DateOnly.TryParseExact(due.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        failure = Failure.Invalid("due", $"'{due}' is not a date; write it as 2027-01-15.");
        return false;
    }

    /// <summary>A tracker link is an absolute http(s) address: the list renders it as a link people click.</summary>
    public static Failure? Link(string? link) =>
        string.IsNullOrEmpty(link)
        || (link.Length <= MaxLink && Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            ? null
            : Failure.Invalid("link", $"The link is an http or https address of at most {MaxLink} characters, e.g. https://tracker.example/browse/OPS-12.");
}
