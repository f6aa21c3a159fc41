namespace Firebreak.Server.Features.StatusPage;

/// <summary>A public update that has just gone on the status page.</summary>
public sealed record PublicUpdatePublished(long PublicIncidentId, long UpdateId, string Name, string Status, string Body, IReadOnlyList<string> Components, DateTimeOffset PublishedAt);

/// <summary>
/// Called after a public update is published (posted, or approved), once it is committed; subscribers to the page register
/// one. The status page never names who listens.
/// </summary>
public interface IPublicUpdatePublished
{
    Task OnPublishedAsync(PublicUpdatePublished update, CancellationToken ct);
}
