using System.Security.Cryptography;
using System.Text;

namespace Firebreak.Server.Features.ActionItems;

/// <summary>One tracker that hears of every follow-up created or changed; signed when it has a secret.</summary>
/// <param name="Id">A short digest of the URL, which names the tracker in the queue without writing the URL (a credential for some trackers) there.</param>
public sealed record ActionItemWebhookTarget(string Id, Uri Url, string? Secret);

/// <summary>
/// <c>Firebreak:ActionItems:Webhooks:{n}:Url</c> and optional <c>…:Secret</c>: where follow-ups are posted. The URLs
/// go through the notifications' outbound rules (<c>Firebreak:Notifications:AllowedHosts</c>) like any webhook.
/// </summary>
public sealed record ActionItemWebhookOptions(IReadOnlyList<ActionItemWebhookTarget> Targets)
{
    public const string SectionKey = "Firebreak:ActionItems:Webhooks";

    /// <summary>The queue records which trackers have a post in a few bytes each; more than this would not fit.</summary>
    public const int MaxTargets = 10;

    public static ActionItemWebhookOptions From(IConfiguration configuration)
    {
        var targets = new List<ActionItemWebhookTarget>();
        foreach (var entry in configuration.GetSection(SectionKey).GetChildren())
        {
            var url = entry["Url"];
            // The URL may carry a token, so the message names the entry, not what it holds.
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new InvalidOperationException($"{SectionKey}:{entry.Key}:Url must be an absolute http or https address, e.g. https://tracker.example/hooks/firebreak.");
            }

            var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uri.AbsoluteUri)))[..8];
            if (targets.Any(t => t.Id == id))
            {
                throw new InvalidOperationException($"{SectionKey}:{entry.Key}:Url is listed twice.");
            }

            targets.Add(new ActionItemWebhookTarget(id, uri, entry["Secret"] is { Length: > 0 } secret ? secret : null));
        }

        return targets.Count <= MaxTargets
            ? new ActionItemWebhookOptions(targets)
            : throw new InvalidOperationException($"{SectionKey} lists {targets.Count} trackers; at most {MaxTargets}.");
    }
}
