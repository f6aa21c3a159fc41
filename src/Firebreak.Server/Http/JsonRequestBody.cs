using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Firebreak.Server.Http;

/// <summary>Why a body is not JSON Firebreak can read: what, where (a JSON path such as <c>payload.summary</c>, if known), and at which line and byte.</summary>
public sealed record JsonFlaw(string Message, string? Field, long Line, long Position)
{
    public string Where => $"line {Line + 1}, position {Position + 1}";

    public string Describe() => Field is null
        ? $"The request body is not valid JSON ({Where}): {Message}"
        : $"'{Field}' {Message} ({Where}).";
}

/// <summary>A request body read in full: its bytes, or why they cannot be used.</summary>
public sealed record JsonRequestRead(ReadOnlyMemory<byte> Json, JsonFlaw? Flaw, long? TooLargeLimit)
{
    public bool Ok => Flaw is null && TooLargeLimit is null;
}

/// <summary>
/// Reads a JSON request body and checks, before anything parses it, that it is JSON whose every string can be read.
/// The reader under <see cref="JsonDocument"/> checks syntax but not the text inside strings: invalid UTF-8 or an
/// escaped lone surrogate (<c>"\ud800"</c>) only throws when the string is read, deep in whatever code asked, which
/// made a 500 of a malformed request — and senders retry 5xx for ever. Every JSON body goes through here. U+0000 is
/// refused too: PostgreSQL cannot store it in text, and SQLite would, so the same body must not depend on the database.
/// </summary>
public static class JsonRequestBody
{
    private static readonly JsonReaderOptions s_readerOptions = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow };

    public static async Task<JsonRequestRead> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        byte[] buffer;
        int length;
        try
        {
            using var copy = new MemoryStream(request.ContentLength is > 0 and < 1024 * 1024 ? (int)request.ContentLength : 4096);
            await request.Body.CopyToAsync(copy, ct);
            buffer = copy.GetBuffer();
            length = (int)copy.Length;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new JsonRequestRead(default, null, ex is RequestTooLargeException tooLarge ? tooLarge.Limit : FirebreakServer.MaxRequestBodyBytes);
        }

        var json = new ReadOnlyMemory<byte>(buffer, 0, length);
        return new JsonRequestRead(json, Check(json.Span), null);
    }

    /// <summary>The first flaw in <paramref name="json"/>, or null when it is JSON whose strings all decode.</summary>
    public static JsonFlaw? Check(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return new JsonFlaw("the body is empty; send a JSON document", null, 0, 0);
        }

        var reader = new Utf8JsonReader(json, s_readerOptions);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && StringFlaw(ref reader) is { } message)
                {
                    var (line, position) = LineOf(json, reader.TokenStartIndex);
                    return new JsonFlaw(message, PathAt(json, reader.TokenStartIndex), line, position);
                }
            }

            return null;
        }
        catch (JsonException ex)
        {
            var message = ex.Message.IndexOf(" LineNumber:", StringComparison.Ordinal) is var cut and > 0 ? ex.Message[..cut] : ex.Message;
            return new JsonFlaw(message, null, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
        }
    }

    private static string? StringFlaw(ref Utf8JsonReader reader)
    {
        if (!Utf8.IsValid(reader.ValueSpan))
        {
            return "is not valid UTF-8 text";
        }

        if (!reader.ValueIsEscaped)
        {
            return null;
        }

        try
        {
            // PostgreSQL cannot store U+0000 in text; refusing it here keeps both databases taking the same input.
            return reader.GetString()!.Contains('\0', StringComparison.Ordinal) ? "contains U+0000 (\\u0000), which Firebreak does not store" : null;
        }
        catch (InvalidOperationException)
        {
            return "is not valid UTF-16 text: it escapes half of a surrogate pair (such as \\ud800 alone)";
        }
    }

    /// <summary>
    /// The JSON path of the token starting at <paramref name="offset"/>, worked out only once a flaw is found so that
    /// the common, valid body pays nothing for it. A flawed property name is named by the object holding it.
    /// </summary>
    private static string? PathAt(ReadOnlySpan<byte> json, long offset)
    {
        var frames = new List<(bool Array, string? Name, int Index)>();
        var reader = new Utf8JsonReader(json, s_readerOptions);
        while (reader.Read() && reader.TokenStartIndex < offset)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    Advance(frames);
                    frames.Add((reader.TokenType == JsonTokenType.StartArray, null, -1));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    break;
                case JsonTokenType.PropertyName:
                    frames[^1] = frames[^1] with { Name = reader.GetString() };
                    break;
                default:
                    Advance(frames);
                    break;
            }
        }

        if (reader.TokenType == JsonTokenType.PropertyName && frames.Count > 0)
        {
            frames[^1] = frames[^1] with { Name = null };
        }
        else
        {
            Advance(frames);
        }

        var path = new StringBuilder();
        foreach (var (array, name, index) in frames)
        {
            if (array)
            {
                path.Append('[').Append(index).Append(']');
            }
            else if (name is not null)
            {
                path.Append(path.Length == 0 ? "" : ".").Append(name);
            }
        }

        return path.Length == 0 ? null : path.ToString();
    }

    private static void Advance(List<(bool Array, string? Name, int Index)> frames)
    {
        if (frames.Count > 0 && frames[^1].Array)
        {
            frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
        }
    }

    private static (long Line, long Position) LineOf(ReadOnlySpan<byte> json, long offset)
    {
        var before = json[..(int)offset];
        var newline = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n'), offset - newline - 1);
    }
}
