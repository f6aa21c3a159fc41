using System.Globalization;
using NodaTime;

namespace Firebreak.Core.OnCall;

/// <summary>
/// When a layer may put someone on call, in the schedule's local time. A layer with several restrictions is on during
/// any of them (their union); a layer with none is always on.
/// </summary>
public abstract record Restriction
{
    /// <summary>Every day (or only on <paramref name="days"/>) from <paramref name="from"/> to <paramref name="to"/>;
    /// a window whose end is not after its start runs past midnight into the next day.</summary>
    public static Restriction TimeOfDay(LocalTime from, LocalTime to, params IsoDayOfWeek[] days) =>
        new TimeOfDayRestriction(from, to, days.Length == 0 ? null : days.ToHashSet());

    /// <summary>Whole days.</summary>
    public static Restriction Weekdays(params IsoDayOfWeek[] days) => new WeekdayRestriction(days.ToHashSet());

    /// <summary>One window a week, such as Monday 09:00 to Friday 17:00 (or Friday 17:00 to Monday 09:00).</summary>
    public static Restriction Weekly(IsoDayOfWeek fromDay, LocalTime from, IsoDayOfWeek toDay, LocalTime to) =>
        new WeeklyWindowRestriction(fromDay, from, toDay, to);

    /// <summary>The longest a window can last; how far back a window starting earlier may still reach.</summary>
    internal static Period LongestWindow { get; } = Period.FromWeeks(1);

    /// <summary>The local windows that start on <paramref name="date"/>, each as start and exclusive end.</summary>
    internal abstract IEnumerable<(LocalDateTime Start, LocalDateTime End)> WindowsStartingOn(LocalDate date);

    /// <summary>What is wrong with this restriction; empty when it is valid.</summary>
    internal abstract IEnumerable<string> Problems();

    private protected static IEnumerable<string> DayProblems(IEnumerable<IsoDayOfWeek> days) =>
        days.Where(d => d is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday).Select(d => $"'{d}' is not a weekday");
}

public sealed record TimeOfDayRestriction(LocalTime From, LocalTime To, IReadOnlySet<IsoDayOfWeek>? Days) : Restriction
{
    internal override IEnumerable<(LocalDateTime Start, LocalDateTime End)> WindowsStartingOn(LocalDate date)
    {
        if (Days is null || Days.Contains(date.DayOfWeek))
        {
            yield return (date + From, (To > From ? date : date.PlusDays(1)) + To);
        }
    }

    internal override IEnumerable<string> Problems()
    {
        if (From == To)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"the time-of-day window {From:HH:mm}–{To:HH:mm} starts and ends at the same time; for whole days use a weekday restriction");
        }

        if (Days is { Count: 0 })
        {
            yield return "the time-of-day window names no days; leave the days out to mean every day";
        }

        foreach (var problem in DayProblems(Days ?? new HashSet<IsoDayOfWeek>()))
        {
            yield return problem;
        }
    }
}

public sealed record WeekdayRestriction(IReadOnlySet<IsoDayOfWeek> Days) : Restriction
{
    internal override IEnumerable<(LocalDateTime Start, LocalDateTime End)> WindowsStartingOn(LocalDate date)
    {
        if (Days.Contains(date.DayOfWeek))
        {
            yield return (date.AtMidnight(), date.PlusDays(1).AtMidnight());
        }
    }

    internal override IEnumerable<string> Problems() =>
        Days.Count == 0 ? ["the weekday restriction names no days"] : DayProblems(Days);
}

public sealed record WeeklyWindowRestriction(IsoDayOfWeek FromDay, LocalTime From, IsoDayOfWeek ToDay, LocalTime To) : Restriction
{
    internal override IEnumerable<(LocalDateTime Start, LocalDateTime End)> WindowsStartingOn(LocalDate date)
    {
        if (date.DayOfWeek != FromDay)
        {
            yield break;
        }

        var start = date + From;
        var end = date.PlusDays(((int)ToDay - (int)FromDay + 7) % 7) + To;
        yield return (start, end > start ? end : end.PlusWeeks(1));
    }

    internal override IEnumerable<string> Problems()
    {
        var dayProblems = DayProblems([FromDay, ToDay]).ToList();
        if (dayProblems.Count > 0)
        {
            return dayProblems;
        }

        return FromDay == ToDay && From == To
            ? [string.Create(CultureInfo.InvariantCulture, $"the weekly window {FromDay} {From:HH:mm} – {ToDay} {To:HH:mm} starts and ends at the same time")]
            : [];
    }
}
