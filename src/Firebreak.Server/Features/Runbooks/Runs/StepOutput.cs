using System.Text;

namespace Firebreak.Server.Features.Runbooks.Runs;

/// <summary>Output kept from a step: at most 64 KB of each stream, cut on a character boundary and marked as cut.</summary>
public static class StepOutput
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>What the timeline line quotes of a step's output; the run keeps the rest.</summary>
    public const int TimelineChars = 2000;

    public const string CutMark = "\n… (output cut at 64 KB)";

    public static string Cap(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) <= MaxBytes)
        {
            return text;
        }

        var budget = MaxBytes - Encoding.UTF8.GetByteCount(CutMark);
        var chars = Math.Min(text.Length, budget);
        while (chars > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, chars)) > budget)
        {
            chars -= Math.Max(1, (Encoding.UTF8.GetByteCount(text.AsSpan(0, chars)) - budget) / 4);
        }

        if (chars > 0 && char.IsHighSurrogate(text[chars - 1]))
        {
            chars--;
        }

        return string.Concat(text.AsSpan(0, chars), CutMark);
    }

    public static string ForTimeline(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Length <= TimelineChars ? text : $"{text[..TimelineChars]}\n… (the run keeps all of it)";
}
