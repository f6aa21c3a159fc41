using System.Text.Json;
using Firebreak.Server.Features.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Maintenance;

internal sealed class MaintenanceWindowConfiguration : IEntityTypeConfiguration<Firebreak.Server.Features.Maintenance.MaintenanceWindow>
{
    public void Configure(EntityTypeBuilder<Firebreak.Server.Features.Maintenance.MaintenanceWindow> b)
    {
        b.ToTable("maintenance_windows");
        b.HasIndex(w => w.ServiceId);
        b.Property(w => w.Reason).HasMaxLength(500);
        b.Property(w => w.Kind).HasMaxLength(16);
        b.Property(w => w.StartTime).HasMaxLength(5);
        b.Property(w => w.Cron).HasMaxLength(100);
        b.Property(w => w.TimeZone).HasMaxLength(64);
        b.Property(w => w.CreatedBy).HasMaxLength(200);
        b.HasOne(w => w.Service).WithMany().HasForeignKey(w => w.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
