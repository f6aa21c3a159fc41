using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Firebreak.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatusPageAndTrackerWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "action_item_webhook_posts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Done = table.Column<string>(type: "TEXT", maxLength: 90, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_item_webhook_posts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "status_components",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    GroupName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Services = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_components", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "status_component_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ComponentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_component_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_status_component_changes_status_components_ComponentId",
                        column: x => x.ComponentId,
                        principalTable: "status_components",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_action_item_webhook_posts_NextAttemptAt",
                table: "action_item_webhook_posts",
                column: "NextAttemptAt");

            migrationBuilder.CreateIndex(
                name: "IX_status_component_changes_ComponentId_At",
                table: "status_component_changes",
                columns: new[] { "ComponentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_status_components_Key",
                table: "status_components",
                column: "Key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "action_item_webhook_posts");

            migrationBuilder.DropTable(
                name: "status_component_changes");

            migrationBuilder.DropTable(
                name: "status_components");
        }
    }
}
