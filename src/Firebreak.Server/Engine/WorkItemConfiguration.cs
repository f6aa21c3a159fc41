using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Engine;

internal sealed class WorkItemConfiguration : IEntityTypeConfiguration<WorkItem>
{
    public void Configure(EntityTypeBuilder<WorkItem> b)
    {
        b.ToTable("work_items");
        b.Ignore(w => w.RunHere);
        b.Property(w => w.Kind).HasMaxLength(32);
        b.Property(w => w.Payload).HasMaxLength(200);
        b.Property(w => w.LeaseOwner).HasMaxLength(100).IsConcurrencyToken();
        b.Property(w => w.LastError).HasMaxLength(1000);
        b.HasIndex(w => w.DueAt);
        b.HasIndex(w => w.IncidentId);
    }
}
