using System.Globalization;
using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Http;

namespace Firebreak.Server.Features.Incidents;

public sealed partial class IncidentService
{
    /// <summary>How far ahead of this server's clock a time may be and still be taken as now (clocks drift).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Corrects when the impact began (alerts set it from their own start; people know better).</summary>
    public async Task<Outcome<IncidentDetail>> SetImpactStartAsync(Actor actor, string reference, ImpactStartRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.At is { } at && at > clock.GetUtcNow() + ClockSkew)
        {
            errors["at"] = [$"The impact cannot start in the future ({Text(at)}); give the time it began, or null if unknown."];
        }

        if (NoteError(request.Reason, required: false) is { } reasonError)
        {
            errors["reason"] = [reasonError];
        }

        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        var to = request.At?.ToUniversalTime();
        return await MutateAsync(actor, reference, (incident, _) =>
        {
            if (incident.ImpactStartedAt == to)
            {
                return Failure.Conflict($"The impact start is already {(to is null ? "unknown" : Text(to.Value))}.");
            }

            var was = incident.ImpactStartedAt;
            incident.ImpactStartedAt = to;
            var text = to is null ? "Impact start cleared: not known" : $"Impact start set to {Text(to.Value)}";
            text += was is null ? "" : $" (was {Text(was.Value)})";
            if (!string.IsNullOrWhiteSpace(request.Reason))
            {
                text += $" — {request.Reason.Trim()}";
            }

            return Change(TimelineKind.Edited, text, "incident.impact_start", $"{Wire(was)} -> {Wire(to)}");
        }, ct);
    }

    private static string Text(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Wire(DateTimeOffset? t) => t?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "unknown";
}
