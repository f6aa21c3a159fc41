using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.StatusPage.Subscribers;

internal sealed class StatusWebhookSubscriberConfiguration : IEntityTypeConfiguration<StatusWebhookSubscriber>
{
    public void Configure(EntityTypeBuilder<StatusWebhookSubscriber> b)
    {
        b.ToTable("status_webhook_subscribers");
        b.HasIndex(s => s.NoticeDueAt);
        b.Property(s => s.Url).HasMaxLength(WebhookSubscriberService.MaxUrlLength);
        b.Property(s => s.SecretProtected).HasMaxLength(2000);
        b.Property(s => s.Components).HasMaxLength(4000);
        b.Property(s => s.CreatedBy).HasMaxLength(200);
        b.Property(s => s.LastTold).HasMaxLength(8000);
    }
}
