using Firebreak.Server.Features.Runbooks.Format;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Runbooks;

internal sealed class RunbookConfiguration : IEntityTypeConfiguration<Runbook>
{
    public void Configure(EntityTypeBuilder<Runbook> b)
    {
        b.ToTable("runbooks");
        b.HasIndex(r => r.Key).IsUnique();
        b.Property(r => r.Key).HasMaxLength(64);
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.Owner).HasMaxLength(64);
        b.Property(r => r.Source).HasMaxLength(16);
        b.Property(r => r.ValidatedBy).HasMaxLength(200);
        b.Property(r => r.NeedsUpdate).HasMaxLength(2000);
        b.HasMany(r => r.Versions).WithOne().HasForeignKey(v => v.RunbookId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunbookVersionConfiguration : IEntityTypeConfiguration<RunbookVersion>
{
    public void Configure(EntityTypeBuilder<RunbookVersion> b)
    {
        b.ToTable("runbook_versions");
        b.HasIndex(v => new { v.RunbookId, v.Number }).IsUnique();
        b.Property(v => v.Text).HasMaxLength(RunbookParser.MaxLength);
        b.Property(v => v.CreatedBy).HasMaxLength(200);
    }
}
