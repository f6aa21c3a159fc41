using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Engine;

internal sealed class WorkWakeConfiguration : IEntityTypeConfiguration<WorkWake>
{
    public void Configure(EntityTypeBuilder<WorkWake> b)
    {
        b.ToTable("work_wakes");
        b.Property(w => w.Kind).HasMaxLength(32);
        b.HasIndex(w => new { w.Kind, w.IncidentId });
    }
}
