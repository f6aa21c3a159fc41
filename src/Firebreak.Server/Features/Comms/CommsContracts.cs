namespace Firebreak.Server.Features.Comms;

/// <summary>A stakeholder update as a responder writes it.</summary>
public sealed record StatusUpdateRequest(string? Text = null);

/// <param name="Kind">declaration, update or resolution.</param>
/// <param name="Recipients">Where it went; empty when no stakeholder subscribes to the incident.</param>
public sealed record StatusUpdateDto(long Id, int Incident, string Kind, string Text, string SentBy, DateTimeOffset At, IReadOnlyList<string> Recipients, DateTimeOffset? NextDueAt);
