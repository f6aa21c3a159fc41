namespace Firebreak.Server.Features.Analytics.Pages;

/// <summary>One set of bars in a <see cref="BarChart"/>: a value per category, null where there is none.</summary>
/// <param name="Tone">A CSS class of the chart's stylesheet: <c>first</c> or <c>second</c>.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values, string Tone = "first");

/// <summary>Where the axis of a bar chart ends and where its three gridlines fall: 1, 2 or 5 times a power of ten.</summary>
public static class ChartScale
{
    private static readonly int[] s_multiples = [1, 2, 5, 10];

    public static double Top(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var step = max / 3;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(step)));
        var nice = s_multiples.Select(m => m * magnitude).First(s => s >= step);
        return nice * 3;
    }
}
