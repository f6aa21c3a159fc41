using Firebreak.Server.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Notifications;

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
