using System.Net;
using System.Text;

namespace Firebreak.Server.Features.Runbooks.Secrets;

/// <summary>
/// Replaces every secret in text a step brings back (a response body, an error, the URL it went to) with
/// <c>[secret:name]</c>: as written, URL-encoded both ways, and in base64, since services echo credentials in all of them.
/// </summary>
public sealed class SecretRedaction(IReadOnlyDictionary<string, string> secrets)
{
    // Longest first, so a secret that contains another is replaced whole.
    private readonly IReadOnlyList<(string Form, string Name)> _forms = [.. secrets
        .Where(s => s.Value.Length > 0)
        .SelectMany(s => Forms(s.Value).Select(f => (Form: f, Name: s.Key)))
        .DistinctBy(f => f.Form)
        .OrderByDescending(f => f.Form.Length)];

    public static SecretRedaction None { get; } = new(new Dictionary<string, string>());

    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var (form, name) in _forms)
        {
            text = text.Replace(form, $"[secret:{name}]", StringComparison.Ordinal);
        }

        return text;
    }

    private static IEnumerable<string> Forms(string value)
    {
        yield return value;
        yield return Uri.EscapeDataString(value);
        yield return WebUtility.UrlEncode(value);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        yield return base64;
        yield return base64.TrimEnd('=');
        yield return base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
