using System.Text.Json;

namespace Firebreak.Server.Features.Intake.Pages;

/// <summary>What the admin pasted into the dry-run box: a sender's JSON payload, or labels as key=value lines.</summary>
public sealed record DryRunSample(Dictionary<string, string>? Labels, JsonElement? Payload, string? Error)
{
    public static DryRunSample Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return new(null, null, "Paste a sample payload, or labels as key=value lines such as alertname=HighLatency.");
        }

        if (trimmed[0] is '{' or '[')
        {
            try
            {
                using var doc = JsonDocument.Parse(trimmed);
                return new(null, doc.RootElement.Clone(), null);
            }
            catch (JsonException ex)
            {
                return new(null, null, $"That is not valid JSON: {ex.Message}");
            }
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = trimmed.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return new(null, null, $"Line {i + 1} ('{line}') is not key=value.");
            }

            // Accept the matcher spelling (env="prod") too, since admins copy it from the rules above.
            labels[line[..eq].Trim()] = line[(eq + 1)..].Trim().Trim('"');
        }

        return new(labels, null, null);
    }
}
