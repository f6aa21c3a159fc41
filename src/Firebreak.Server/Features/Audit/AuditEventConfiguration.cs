using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Audit;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.HasIndex(a => a.At);
        b.Property(a => a.Actor).HasMaxLength(200);
        b.Property(a => a.Action).HasMaxLength(80);
        b.Property(a => a.Resource).HasMaxLength(200);
        b.Property(a => a.SourceAddress).HasMaxLength(64);
    }
}
