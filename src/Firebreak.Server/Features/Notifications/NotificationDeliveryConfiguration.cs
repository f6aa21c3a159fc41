using Firebreak.Server.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Notifications;

internal sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> b)
    {
        b.ToTable("notification_deliveries");
        b.Property(d => d.Id).ValueGeneratedNever();
        b.HasIndex(d => d.IdempotencyKey).IsUnique();
        b.HasIndex(d => d.IncidentId);
        b.HasIndex(d => new { d.ContactMethodId, d.Status });
        // The burst check before every send counts one person's recent sends; without this it read their whole history.
        b.HasIndex(d => new { d.UserId, d.Status, d.FinishedAt });
        b.Property(d => d.IdempotencyKey).HasMaxLength(200);
        b.Property(d => d.Username).HasMaxLength(64);
        b.Property(d => d.Cause).HasMaxLength(100);
        b.Property(d => d.Reason).HasMaxLength(NotificationDelivery.ReasonMax);
        b.Property(d => d.Error).HasMaxLength(1000);
        b.Property(d => d.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Features.Incidents.Incident>().WithMany().HasForeignKey(d => d.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ContactMethod>().WithMany().HasForeignKey(d => d.ContactMethodId).OnDelete(DeleteBehavior.SetNull);
    }
}
