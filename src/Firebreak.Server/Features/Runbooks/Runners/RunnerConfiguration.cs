using Firebreak.Server.Features.Intake;
using Firebreak.Server.Features.Runbooks.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Firebreak.Server.Features.Runbooks.Runners;

internal sealed class RunbookRunnerConfiguration : IEntityTypeConfiguration<RunbookRunner>
{
    public void Configure(EntityTypeBuilder<RunbookRunner> b)
    {
        b.ToTable("runbook_runners");
        b.HasIndex(r => r.Name).IsUnique();
        b.HasIndex(r => r.Prefix).IsUnique();
        b.Property(r => r.Name).HasMaxLength(64);
        b.Property(r => r.Prefix).HasMaxLength(32);
        b.Property(r => r.CreatedBy).HasMaxLength(200);
        b.Property(r => r.Labels).HasConversion(JsonMap.Converter, JsonMap.Comparer);
    }
}

internal sealed class RunnerJobConfiguration : IEntityTypeConfiguration<RunnerJob>
{
    public void Configure(EntityTypeBuilder<RunnerJob> b)
    {
        b.ToTable("runbook_runner_jobs");
        b.HasIndex(j => j.State);
        b.HasIndex(j => j.ResultId);
        b.Property(j => j.State).HasMaxLength(16);
        b.Property(j => j.Title).HasMaxLength(400);
        b.Property(j => j.RunnerName).HasMaxLength(64);
        b.Property(j => j.CancelRequestedBy).HasMaxLength(200);
        b.Property(j => j.Labels).HasConversion(JsonMap.Converter, JsonMap.Comparer);
        b.HasOne(j => j.Result).WithMany().HasForeignKey(j => j.ResultId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<RunbookRunner>().WithMany().HasForeignKey(j => j.RunnerId).OnDelete(DeleteBehavior.SetNull);
    }
}
