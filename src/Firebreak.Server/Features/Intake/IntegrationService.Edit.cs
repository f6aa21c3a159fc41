using System.Security.Cryptography;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Http;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// A change to an integration's settings. Null leaves a field as it is; to clear one send <c>service: ""</c> (no
/// service), <c>ratePerMinute: 0</c> (no limit) or <c>groupBy: []</c> (the kind's default grouping).
/// </summary>
public sealed record UpdateIntegrationRequest(
    string? Name = null, string? Service = null, List<string>? GroupBy = null, string? GroupWindow = null, int? RatePerMinute = null);

/// <summary>Editing an integration after it was created: its settings, and a new key when the old one leaked.</summary>
public sealed partial class IntegrationService
{
    private const int MaxRate = 1_000_000;

    public async Task<Outcome<IntegrationDto>> UpdateAsync(Actor actor, long id, UpdateIntegrationRequest request, string baseUrl, CancellationToken ct)
    {
        var integration = await db.Integrations.Include(i => i.Service).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (integration is null)
        {
            return Failure.NotFound($"No integration {id}.");
        }

        var errors = new Dictionary<string, string[]>();
        var name = request.Name is null ? integration.Name : CheckName(request.Name, errors);
        var serviceId = request.Service switch
        {
            null => integration.ServiceId,
            var s when string.IsNullOrWhiteSpace(s) => null,
            var s => await FindServiceAsync(s, errors, ct),
        };
        var window = request.GroupWindow is null ? TimeSpan.FromSeconds(integration.GroupWindowSeconds) : CheckWindow(request.GroupWindow, errors);
        if (request.RatePerMinute is < 0 or > MaxRate)
        {
            errors["ratePerMinute"] = ["Use a rate between 1 and 1,000,000 events per minute, or 0 for no limit."];
        }

        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        var before = Describe(integration, integration.Service?.Key);
        integration.Name = name!;
        integration.ServiceId = serviceId;
        integration.GroupBy = request.GroupBy is null ? integration.GroupBy : GroupBy(request.GroupBy, integration.Kind);
        integration.GroupWindowSeconds = (int)window.TotalSeconds;
        integration.RatePerMinute = request.RatePerMinute switch
        {
            null => integration.RatePerMinute,
            0 => null,
            var rate => rate,
        };
        var serviceKey = request.Service is null ? integration.Service?.Key : serviceId is null ? null : request.Service.Trim();
        var changes = before.Zip(Describe(integration, serviceKey), (was, now) => was == now ? null : $"{was} → {now}").OfType<string>().ToList();
        if (changes.Count > 0)
        {
            audit.Record(actor, "integration.update", $"integration/{integration.Name}", string.Join("; ", changes));
            await db.SaveChangesAsync(ct);
        }

        return await GetRequiredAsync(id, baseUrl, ct);
    }

    /// <summary>
    /// Replaces the key. Intake looks the key up on every request, so the old one stops working as soon as this commits.
    /// </summary>
    public async Task<Outcome<IntegrationDto>> RotateKeyAsync(Actor actor, long id, string baseUrl, CancellationToken ct)
    {
        var integration = await db.Integrations.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (integration is null)
        {
            return Failure.NotFound($"No integration {id}.");
        }

        integration.Key = NewKey();
        // The key is the credential: the audit says that it changed, never what it is.
        audit.Record(actor, "integration.rotate_key", $"integration/{integration.Name}");
        await db.SaveChangesAsync(ct);
        return await GetRequiredAsync(id, baseUrl, ct);
    }

    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string? CheckName(string? text, Dictionary<string, string[]> errors)
    {
        if (IntegrationChecks.Name(text) is { } error)
        {
            errors["name"] = [error];
            return null;
        }

        return text!.Trim();
    }

    private async Task<long?> FindServiceAsync(string text, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var key = text.Trim();
        var id = await db.Services.Where(s => s.Key == key).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            errors["service"] = [$"Unknown service '{key}'."];
        }

        return id;
    }

    private static TimeSpan CheckWindow(string text, Dictionary<string, string[]> errors)
    {
        if (Core.Config.DurationParser.TryParse(text, out var window))
        {
            return window;
        }

        errors["groupWindow"] = [$"'{text}' is not a duration up to {Core.Config.DurationParser.LongestText}; write e.g. 30m or 2h."];
        return TimeSpan.Zero;
    }

    private static List<string> GroupBy(List<string>? requested, string kind) =>
        requested?.Select(x => x.Trim()).Where(x => x.Length > 0).ToList() is { Count: > 0 } g ? g : IntegrationKinds.DefaultGroupBy(kind);

    private static string[] Describe(Integration i, string? serviceKey) =>
    [
        $"name {i.Name}",
        $"service {serviceKey ?? "none"}",
        $"group by {string.Join(",", i.GroupBy)}",
        $"window {i.GroupWindowSeconds}s",
        $"rate {i.RatePerMinute?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}/min",
    ];
}
