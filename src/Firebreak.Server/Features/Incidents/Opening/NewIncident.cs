using Firebreak.Core.Intake;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;

namespace Firebreak.Server.Features.Incidents.Opening;

/// <summary>
/// What an incident is opened with; <paramref name="OpenedBy"/> names the alert or split that opened it, null when
/// declared; <paramref name="Test"/> is set when an integration's test event opened it.
/// </summary>
public sealed record NewIncident(
    string Title,
    SeverityLevel Level,
    Service? Service,
    string? Description = null,
    string? Impact = null,
    DateTimeOffset? ImpactStartedAt = null,
    User? Commander = null,
    bool IsDrill = false,
    string? AlertGroupKey = null,
    string? OpenedBy = null,
    TestEvent? Test = null);
