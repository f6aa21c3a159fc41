using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Firebreak.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChangeEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "change_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IntegrationId = table.Column<long>(type: "INTEGER", nullable: false),
                    ServiceId = table.Column<long>(type: "INTEGER", nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LinksJson = table.Column<string>(type: "TEXT", nullable: true),
                    DetailsJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_change_events", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_change_events_ServiceId_At",
                table: "change_events",
                columns: new[] { "ServiceId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "change_events");
        }
    }
}
