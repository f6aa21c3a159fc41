using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Runbooks.Secrets;

/// <summary>A value steps use by name (<c>{{ secrets.registry_token }}</c>), kept encrypted with the server's data-protection keys.</summary>
public sealed class RunbookSecret
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Protected { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

internal sealed class RunbookSecretConfiguration : IEntityTypeConfiguration<RunbookSecret>
{
    public void Configure(EntityTypeBuilder<RunbookSecret> b)
    {
        b.ToTable("runbook_secrets");
        b.HasIndex(s => s.Name).IsUnique();
        b.Property(s => s.Name).HasMaxLength(64);
        b.Property(s => s.Protected).HasMaxLength(16 * 1024);
        b.Property(s => s.UpdatedBy).HasMaxLength(200);
    }
}
