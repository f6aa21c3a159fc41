using System.Text.Json;
using System.Text.Json.Serialization;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// Intake's answers, written by code generated at build time: every alert a sender posts ends in one of them, and the
/// serializer otherwise looks each type's shape up at run time.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PagerDutyResponse))]
[JsonSerializable(typeof(WebhookAnswer))]
[JsonSerializable(typeof(GenericIntakeResponse))]
internal sealed partial class IntakeJson : JsonSerializerContext;

/// <summary>What an Alertmanager or Grafana webhook is told: accepted, and how many alerts it carried.</summary>
public sealed record WebhookAnswer(string Status, int Alerts);
