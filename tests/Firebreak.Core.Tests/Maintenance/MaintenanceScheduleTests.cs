using Firebreak.Core.Maintenance;

namespace Firebreak.Core.Tests.Maintenance;

public sealed class MaintenanceScheduleTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Once_IsActiveBetweenStartAndEnd()
    {
        var once = MaintenanceSchedule.Once(Utc(1, 10, 2), Utc(1, 10, 4));

        Assert.False(once.IsActive(Utc(1, 10, 1, 59)));
        Assert.True(once.IsActive(Utc(1, 10, 2)));
        Assert.False(once.IsActive(Utc(1, 10, 4)));
    }

    [Fact]
    public void Weekly_FollowsWallClockAcrossDst_Berlin()
    {
        // Sundays 04:00–06:00 Berlin time. Winter: UTC+1 → 03:00Z. Summer (after 29 March 2026): UTC+2 → 02:00Z.
        var (weekly, error) = MaintenanceScheduleParser.Weekly(["sun"], "04:00", TimeSpan.FromHours(2), "Europe/Berlin");
        Assert.Null(error);

        Assert.True(weekly!.IsActive(Utc(3, 22, 3, 30)));
        Assert.False(weekly.IsActive(Utc(3, 22, 2, 30)));
        Assert.True(weekly.IsActive(Utc(3, 29, 2, 30)));
        Assert.False(weekly.IsActive(Utc(3, 29, 4, 0)));
        Assert.Equal(Utc(4, 5, 2), weekly.NextStart(Utc(3, 30, 0)));
    }

    [Fact]
    public void Weekly_SpringForwardGap_ShiftsByTheGap_NewYork()
    {
        // 02:30 does not exist on 8 March 2026 in New York: it is read as 03:30 EDT (07:30Z), one gap later, and the
        // window keeps its full hour.
        var (weekly, _) = MaintenanceScheduleParser.Weekly(["sunday"], "02:30", TimeSpan.FromHours(1), "America/New_York");

        Assert.False(weekly!.IsActive(Utc(3, 8, 7, 10)));
        Assert.True(weekly.IsActive(Utc(3, 8, 7, 40)));
        Assert.False(weekly.IsActive(Utc(3, 8, 8, 30)));
        Assert.True(weekly.IsActive(Utc(3, 1, 7, 45)));   // a week earlier, EST: 02:30 = 07:30Z
    }

    [Fact]
    public void Weekly_CrossingMidnight_CoversTheNextDay()
    {
        var (weekly, _) = MaintenanceScheduleParser.Weekly(["sat"], "23:00", TimeSpan.FromHours(3), "UTC");

        Assert.True(weekly!.IsActive(Utc(1, 11, 1, 30)));  // Sunday 01:30, from Saturday's window
        Assert.False(weekly.IsActive(Utc(1, 11, 2, 0)));
    }

    [Fact]
    public void Cron_UsesZoneAndLength()
    {
        var (cron, error) = MaintenanceScheduleParser.Cron("0 1 * * 2", TimeSpan.FromMinutes(90), "Asia/Tokyo");
        Assert.Null(error);

        // Tuesdays 01:00 Tokyo (UTC+9) = Monday 16:00Z.
        Assert.True(cron!.IsActive(Utc(1, 12, 17, 0)));
        Assert.False(cron.IsActive(Utc(1, 12, 17, 30)));
        Assert.False(cron.IsActive(Utc(1, 13, 16, 30)));
    }

    [Theory]
    [InlineData("funday", "02:00", "UTC", "weekday")]
    [InlineData("mon", "2am", "UTC", "HH:mm")]
    [InlineData("mon", "02:00", "Mars/Olympus", "time zone")]
    public void Weekly_Invalid_SaysWhat(string day, string time, string zone, string expected)
    {
        var (schedule, error) = MaintenanceScheduleParser.Weekly([day], time, TimeSpan.FromHours(1), zone);

        Assert.Null(schedule);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cron_Invalid_SaysWhat() =>
        Assert.Contains("cron", MaintenanceScheduleParser.Cron("every sunday", TimeSpan.FromHours(1), "UTC").Error, StringComparison.Ordinal);
}
