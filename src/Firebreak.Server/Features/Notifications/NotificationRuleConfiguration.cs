using Firebreak.Server.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Notifications;

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
