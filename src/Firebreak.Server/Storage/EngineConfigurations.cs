using Firebreak.Server.Engine;
using Firebreak.Server.Features.Escalation;
using Firebreak.Server.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Storage;

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
        b.HasOne(w => w.Incident).WithMany().HasForeignKey(w => w.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EscalationPolicyConfiguration : IEntityTypeConfiguration<EscalationPolicyRecord>
{
    public void Configure(EntityTypeBuilder<EscalationPolicyRecord> b)
    {
        b.ToTable("escalation_policies");
        b.HasIndex(p => p.Key).IsUnique();
        b.Property(p => p.Key).HasMaxLength(64);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Description).HasMaxLength(2000);
    }
}

internal sealed class IncidentEscalationConfiguration : IEntityTypeConfiguration<IncidentEscalation>
{
    public void Configure(EntityTypeBuilder<IncidentEscalation> b)
    {
        b.ToTable("incident_escalations");
        b.HasKey(e => e.IncidentId);
        b.Property(e => e.IncidentId).ValueGeneratedNever();
        b.Property(e => e.PolicyKey).HasMaxLength(64);
        b.Property(e => e.PolicyName).HasMaxLength(200);
        b.HasOne(e => e.Incident).WithOne().HasForeignKey<IncidentEscalation>(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactMethodConfiguration : IEntityTypeConfiguration<ContactMethod>
{
    public void Configure(EntityTypeBuilder<ContactMethod> b)
    {
        b.ToTable("contact_methods");
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Label).HasMaxLength(100);
        b.Property(c => c.Address).HasMaxLength(2000);
        b.Property(c => c.Secret).HasMaxLength(200);
        b.HasIndex(c => c.UserId);
        b.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationRuleConfiguration : IEntityTypeConfiguration<NotificationRule>
{
    public void Configure(EntityTypeBuilder<NotificationRule> b)
    {
        b.ToTable("notification_rules");
        b.HasIndex(r => r.UserId);
        b.HasOne<Features.Auth.User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.ContactMethod).WithMany().HasForeignKey(r => r.ContactMethodId).OnDelete(DeleteBehavior.Cascade);
    }
}

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
