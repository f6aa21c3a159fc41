using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.OnCall;

/// <summary>This feature's tables on the shared context, declared here so that Storage names no feature.</summary>
public static class OnCallTables
{
    extension(FirebreakDb db)
    {
        public DbSet<ScheduleRecord> Schedules => db.Set<ScheduleRecord>();
    }
}
