using System.Text.Json;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// Finds incidents by their alerts' labels for the incident search. Labels are stored as one JSON object per alert
/// (<see cref="JsonMap"/>), so a label is the text <c>"key":"value"</c> inside it, written with the same serializer so
/// that quotes and non-ASCII characters are escaped alike. The SQL is plain LIKE and lower(), the same on both providers.
/// </summary>
public sealed class AlertLabelIndex(FirebreakDb db) : IIncidentLabelIndex
{
    public IQueryable<long> IncidentsWithLabel(string key, string value)
    {
        var pair = $"{JsonSerializer.Serialize(key, JsonSerializerOptions.Default)}:{JsonSerializer.Serialize(value, JsonSerializerOptions.Default)}";
        var pattern = $"%{LikePattern.Literal(pair.ToLowerInvariant())}%";
        return db.Database.SqlQuery<long>(
            $"""SELECT "IncidentId" AS "Value" FROM "alerts" WHERE "IncidentId" IS NOT NULL AND lower("Labels") LIKE {pattern} ESCAPE '\'""");
    }
}
