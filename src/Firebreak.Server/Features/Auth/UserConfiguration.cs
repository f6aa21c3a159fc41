using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Auth;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("users");
        b.HasIndex(u => u.Username).IsUnique();
        b.Property(u => u.Username).HasMaxLength(64);
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Email).HasMaxLength(320);
        b.Property(u => u.Role).HasConversion(r => r.ToWire(), r => ParseRole(r)).HasMaxLength(16);
        b.Property(u => u.TimeZone).HasMaxLength(64);
        // Rows from before stamps existed get "": cookies issued then carry no stamp, so they no longer match.
        b.Property(u => u.SecurityStamp).HasMaxLength(64).HasDefaultValue("");
    }

    internal static Role ParseRole(string r) => RoleNames.TryParse(r, out var role) ? role : Role.Viewer;
}
