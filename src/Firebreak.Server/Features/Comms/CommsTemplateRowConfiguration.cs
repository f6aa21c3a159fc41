using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Comms;

internal sealed class CommsTemplateRowConfiguration : IEntityTypeConfiguration<CommsTemplateRow>
{
    public void Configure(EntityTypeBuilder<CommsTemplateRow> b)
    {
        b.ToTable("comms_templates");
        b.HasIndex(t => new { t.Kind, t.Severity, t.Service }).IsUnique();
        b.Property(t => t.Kind).HasMaxLength(32);
        b.Property(t => t.Severity).HasMaxLength(64);
        b.Property(t => t.Service).HasMaxLength(64);
        b.Property(t => t.Subject).HasMaxLength(500);
        b.Property(t => t.Body).HasMaxLength(CommsLimits.MaxTemplate);
    }
}
