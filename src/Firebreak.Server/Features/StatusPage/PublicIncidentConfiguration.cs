using Firebreak.Server.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.StatusPage;

internal sealed class PublicIncidentConfiguration : IEntityTypeConfiguration<PublicIncident>
{
    public void Configure(EntityTypeBuilder<PublicIncident> b)
    {
        b.ToTable("public_incidents");
        b.HasIndex(p => p.IncidentId).IsUnique();
        b.Property(p => p.Name).HasMaxLength(PublicIncidentLimits.TitleMax);
        b.Property(p => p.Status).HasMaxLength(32);
        b.Property(p => p.Impact).HasMaxLength(32);
        b.HasOne<Incident>().WithMany().HasForeignKey(p => p.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Updates).WithOne().HasForeignKey(u => u.PublicIncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PublicIncidentUpdateConfiguration : IEntityTypeConfiguration<PublicIncidentUpdate>
{
    public void Configure(EntityTypeBuilder<PublicIncidentUpdate> b)
    {
        b.ToTable("public_incident_updates");
        b.Property(u => u.Status).HasMaxLength(32);
        b.Property(u => u.Title).HasMaxLength(PublicIncidentLimits.TitleMax);
        b.Property(u => u.Body).HasMaxLength(PublicIncidentLimits.BodyMax);
        b.Property(u => u.CreatedBy).HasMaxLength(200);
        b.Property(u => u.ApprovedBy).HasMaxLength(200);
    }
}

public static class PublicIncidentLimits
{
    public const int TitleMax = 200;
    public const int BodyMax = 5000;
}
