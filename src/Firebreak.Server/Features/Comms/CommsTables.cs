using Firebreak.Server.Features.Comms.Stakeholders;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Comms;

/// <summary>This feature's tables on the shared context, declared here so that Storage names no feature.</summary>
public static class CommsTables
{
    extension(FirebreakDb db)
    {
        public DbSet<StakeholderUpdate> StakeholderUpdates => db.Set<StakeholderUpdate>();

        public DbSet<CommsTemplateRow> CommsTemplates => db.Set<CommsTemplateRow>();

        public DbSet<Stakeholder> Stakeholders => db.Set<Stakeholder>();

        public DbSet<StakeholderSend> StakeholderSends => db.Set<StakeholderSend>();
    }
}
