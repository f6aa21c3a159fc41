using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.StatusPage.Subscribers;

internal sealed class StatusSubscriberConfiguration : IEntityTypeConfiguration<StatusSubscriber>
{
    public void Configure(EntityTypeBuilder<StatusSubscriber> b)
    {
        b.ToTable("status_subscribers");
        b.HasIndex(s => s.Email).IsUnique();
        b.HasIndex(s => s.Token).IsUnique();
        b.HasIndex(s => s.NoticeDueAt);
        b.HasIndex(s => s.ConfirmationDueAt);
        b.Property(s => s.Email).HasMaxLength(SubscriberRules.MaxEmailLength);
        b.Property(s => s.Components).HasMaxLength(4000);
        b.Property(s => s.Token).HasMaxLength(64);
        b.Property(s => s.LastTold).HasMaxLength(8000);
    }
}
