using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Firebreak.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceZoneAndAutoResolve : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AutoResolveTo",
                table: "services",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "resolved");

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "services",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AutoResolveTo",
                table: "services");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "services");
        }
    }
}
