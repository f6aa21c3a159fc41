namespace Firebreak.Core.Analytics;

/// <summary>
/// Percentiles by linear interpolation between the closest ranks (Hyndman and Fan's type 7, the default of numpy,
/// R and spreadsheets' PERCENTILE.INC): for p in [0, 1] over n sorted values, h = (n − 1)·p and the result lies
/// between the values at ranks ⌊h⌋ and ⌈h⌉. The same figures come out of any of those tools for the CSV export.
/// </summary>
public static class Percentiles
{
    /// <summary>The p-th percentile (0 ≤ p ≤ 1) of <paramref name="values"/> in any order; null when there are none.</summary>
    public static double? Of(IEnumerable<double> values, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var h = (sorted.Length - 1) * p;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((h - lower) * (sorted[upper] - sorted[lower]));
    }
}
