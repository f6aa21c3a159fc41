using Firebreak.Server.Http;

namespace Firebreak.Server.Components.Shared;

/// <summary>A failed command as the UI shows it: one sentence, plus per-field messages when the input was invalid.</summary>
public sealed record UiError(string Message, IReadOnlyDictionary<string, string[]> Fields)
{
    private static readonly Dictionary<string, string[]> s_none = [];

    public static UiError Of(string message) => new(Sentence(message), s_none);

    public static UiError? From<T>(Outcome<T> outcome) => outcome.IsOk
        ? null
        : new UiError(Sentence(outcome.Error ?? "That did not work."), outcome.FieldErrors ?? s_none);

    public string? For(string field) =>
        Fields.TryGetValue(field, out var messages) && messages.Length > 0 ? string.Join(" ", messages.Select(Sentence)) : null;

    /// <summary>Service messages are written to be shown as-is; some start lower-case because the API embeds them.</summary>
    private static string Sentence(string text) =>
        text.Length == 0 || char.IsUpper(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
