using System.Security.Cryptography;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>One rendered public document: its bytes, served as they are, and what a cache needs to revalidate it.</summary>
public sealed record StatusDocument(byte[] Body, string ContentType, string ETag, DateTimeOffset LastModified)
{
    public static StatusDocument Of(byte[] body, string contentType, DateTimeOffset lastModified) =>
        new(body, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"", lastModified);
}

/// <summary>Everything the public status page serves, rendered together from one read so they always agree.</summary>
/// <param name="Api">Statuspage's documents by path under <c>/status/api/v2/</c> without <c>.json</c>: <c>summary</c>, <c>incidents/unresolved</c>…</param>
/// <param name="ValidUntil">When a time-based change (a maintenance window starting or ending) makes this copy wrong.</param>
/// <param name="Atom">The incident history feed, <c>/status/history.atom</c>.</param>
public sealed record StatusDocuments(StatusDocument Html, IReadOnlyDictionary<string, StatusDocument> Api, StatusDocument Atom, DateTimeOffset BuiltAt, DateTimeOffset? ValidUntil = null)
{
    public StatusDocument? Json(string path) => Api.GetValueOrDefault(path);
}
