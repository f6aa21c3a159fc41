using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Firebreak.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncidentResolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "incidents",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            // Everything that ended before false positives could be told apart is taken as fixed.
            migrationBuilder.Sql("""UPDATE incidents SET "Resolution" = 'fixed' WHERE "Status" IN ('resolved', 'closed');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "incidents");
        }
    }
}
