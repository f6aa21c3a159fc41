using System.Text.Json;
using System.Text.Json.Serialization;

namespace Floor;

internal sealed record Answer(string Status, int Alerts);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Answer))]
internal sealed partial class FloorJson : JsonSerializerContext;
