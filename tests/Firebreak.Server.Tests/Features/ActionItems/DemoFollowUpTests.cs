using System.Net;
using Firebreak.Server.Features.ActionItems;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Reviews;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.ActionItems;

/// <summary>The demo's resolved incident comes with a published review and follow-ups, so those pages are not empty on first start.</summary>
public abstract class DemoFollowUpTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task DemoApply_PublishesAReview_AndAddsOwnedFollowUps_DoneOpenAndOverdue()
    {
        await using (var scope = Server.App.Services.CreateAsyncScope())
        {
            var applied = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, ConfigApplier.FindExamplesDir(), demo: true, default);
            Assert.Empty(applied.Errors);
        }

        var published = await Server.WithDbAsync(db => db.Reviews.Where(r => r.PublishedAt != null).Select(r => r.Id).ToListAsync());
        Assert.NotEmpty(published);
        var reviews = await Server.Viewer.GetAsync("/api/v1/reviews?status=published").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(0, reviews.GetArrayLength());

        var items = await Server.Viewer.GetAsync("/api/v1/action-items").ExpectAsync(HttpStatusCode.OK);
        var all = items.EnumerateArray().ToList();
        Assert.True(all.Count >= 4, $"{all.Count} demo action items");
        Assert.All(all, a => Assert.False(string.IsNullOrEmpty(a.Str("owner"))));
        Assert.All(all, a => Assert.False(string.IsNullOrEmpty(a.Str("due"))));
        Assert.Contains(all, a => a.Str("status") == ActionItemStatus.Done);
        Assert.Contains(all, a => a.Str("status") == ActionItemStatus.Open && !a.GetProperty("overdue").GetBoolean());
        Assert.Single(all, a => a.GetProperty("overdue").GetBoolean());
    }
}

public sealed class DemoFollowUpTests_Sqlite(SqliteServerFixture f) : DemoFollowUpTests(f), IClassFixture<SqliteServerFixture>;

public sealed class DemoFollowUpTests_Postgres(PostgresServerFixture f) : DemoFollowUpTests(f), IClassFixture<PostgresServerFixture>;
