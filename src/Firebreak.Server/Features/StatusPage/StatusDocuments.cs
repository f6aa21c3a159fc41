using System.Security.Cryptography;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>One rendered public document: its bytes, served as they are, and what a cache needs to revalidate it.</summary>
public sealed record StatusDocument(byte[] Body, string ContentType, string ETag, DateTimeOffset LastModified)
{
    public static StatusDocument Of(byte[] body, string contentType, DateTimeOffset lastModified) =>
        new(body, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"", lastModified);
}

/// <summary>Everything the public status page serves, rendered together from one read so they always agree.</summary>
public sealed record StatusDocuments(
    StatusDocument Html, StatusDocument Summary, StatusDocument Status, StatusDocument Components, DateTimeOffset BuiltAt)
{
    public StatusDocument? Json(string name) => name switch
    {
        "summary" => Summary,
        "status" => Status,
        "components" => Components,
        _ => null,
    };
}
