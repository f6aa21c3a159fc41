using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Firebreak.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewsAndActionItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "action_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_action_items_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    ProximateCause = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    ContributingFactors = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    DetectionGap = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    WentWell = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    CouldBeBetter = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Lessons = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    UsersAffected = table.Column<int>(type: "INTEGER", nullable: true),
                    ImpactMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    RevenueImpact = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    SlaBreached = table.Column<bool>(type: "INTEGER", nullable: true),
                    ImpactLevel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    KeyTimelineEntryIds = table.Column<string>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reviews_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_reviews_users_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "review_answers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_answers_reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_action_items_IncidentId",
                table: "action_items",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_action_items_Key",
                table: "action_items",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_action_items_Owner_Status",
                table: "action_items",
                columns: new[] { "Owner", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_action_items_Prefix_Number",
                table: "action_items",
                columns: new[] { "Prefix", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_answers_ReviewId_Position",
                table: "review_answers",
                columns: new[] { "ReviewId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reviews_IncidentId",
                table: "reviews",
                column: "IncidentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reviews_OwnerId",
                table: "reviews",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_reviews_Status_DueAt",
                table: "reviews",
                columns: new[] { "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "action_items");

            migrationBuilder.DropTable(
                name: "review_answers");

            migrationBuilder.DropTable(
                name: "reviews");
        }
    }
}
