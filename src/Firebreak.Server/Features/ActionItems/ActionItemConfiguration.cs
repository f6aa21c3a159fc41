using Firebreak.Server.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.ActionItems;

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> b)
    {
        b.ToTable("action_items");
        b.HasIndex(a => a.Key).IsUnique();
        b.HasIndex(a => new { a.Prefix, a.Number }).IsUnique();
        b.HasIndex(a => new { a.Owner, a.Status });
        b.HasIndex(a => a.IncidentId);
        b.Property(a => a.Key).HasMaxLength(32);
        b.Property(a => a.Prefix).HasMaxLength(16);
        b.Property(a => a.Title).HasMaxLength(ActionItemRules.MaxTitle);
        b.Property(a => a.Priority).HasMaxLength(2);
        b.Property(a => a.Owner).HasMaxLength(64);
        b.Property(a => a.Status).HasMaxLength(16);
        b.Property(a => a.Source).HasMaxLength(16);
        b.Property(a => a.Link).HasMaxLength(ActionItemRules.MaxLink);
        b.Property(a => a.CreatedBy).HasMaxLength(200);
        b.HasOne<Incident>().WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}
