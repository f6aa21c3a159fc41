using Firebreak.Core.Severity;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Storage;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// Routing inputs for one intake batch, shared by <see cref="IntakeBatch"/> and the hot path: the services and the
/// severity scheme are read once (from their caches) and only when a new alert needs routing, and each integration's
/// rules are parsed once.
/// </summary>
public sealed class BatchRouting(FirebreakDb db, TableCache<Service> serviceRows, SeverityCatalog severities)
{
    private readonly Dictionary<long, RoutingContext> _contexts = [];
    private SeverityScheme? _scheme;

    /// <summary>The services by key, once a route has been asked for; null before.</summary>
    public IReadOnlyDictionary<string, Service>? Services { get; private set; }

    public async Task<RoutingContext> ForAsync(Integration integration, CancellationToken ct)
    {
        if (!_contexts.TryGetValue(integration.Id, out var routing))
        {
            Services ??= (await serviceRows.GetAsync(db, ct)).ToDictionary(s => s.Key, StringComparer.Ordinal);
            _scheme ??= await severities.GetSchemeAsync(ct);
            routing = new RoutingContext(RoutingRuleConfigs.Load(integration.RoutingRulesJson), Services, integration.ServiceId, _scheme);
            _contexts[integration.Id] = routing;
        }

        return routing;
    }
}
