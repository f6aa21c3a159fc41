using Firebreak.Server.Storage;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Firebreak.Server.Tests.StorageFiles;

public sealed class PostgresConnectionTests
{
    private static NpgsqlConnectionStringBuilder Configured(string connectionString) =>
        new(StorageOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Firebreak:Database:Provider"] = "postgres",
            ["Firebreak:Database:ConnectionString"] = connectionString,
        }).Build(), "/nonexistent").ConnectionString);

    [Fact]
    public void RepeatedStatements_ArePreparedAutomatically_KeepingEverythingElseAsGiven()
    {
        var cs = Configured("Host=db.internal;Port=5433;Database=firebreak;Username=fb;Password=s3cret;Maximum Pool Size=20");

        Assert.Equal(PostgresConnection.AutoPrepared, cs.MaxAutoPrepare);
        Assert.Equal(2, cs.AutoPrepareMinUsages);
        Assert.Equal(("db.internal", 5433, "firebreak", "fb", "s3cret", 20), (cs.Host, cs.Port, cs.Database, cs.Username, cs.Password, cs.MaxPoolSize));
    }

    [Theory]
    [InlineData("Host=db;Database=fb;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=fb;maxautoprepare=7", 7)]
    public void AnOperatorsOwnSetting_IsKept(string given, int expected) => Assert.Equal(expected, Configured(given).MaxAutoPrepare);
}
