using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanPulse.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PlanDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    PlanYear = table.Column<int>(type: "INTEGER", nullable: true),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "KeyTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Section = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ResponsibleUnits = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LeadUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    SourceDocumentId = table.Column<int>(type: "INTEGER", nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyTasks_PlanDocuments_SourceDocumentId",
                        column: x => x.SourceDocumentId,
                        principalTable: "PlanDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_KeyTasks_Units_LeadUnitId",
                        column: x => x.LeadUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProposedFacts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DocumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    GrowthPct = table.Column<long>(type: "INTEGER", nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Qualifier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Quote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Start = table.Column<int>(type: "INTEGER", nullable: false),
                    End = table.Column<int>(type: "INTEGER", nullable: false),
                    Section = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RejectReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposedFacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposedFacts_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProposedFacts_PlanDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "PlanDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProposedTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DocumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Section = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    SubjectUnits = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Start = table.Column<int>(type: "INTEGER", nullable: false),
                    End = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyTaskId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposedTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposedTasks_KeyTasks_KeyTaskId",
                        column: x => x.KeyTaskId,
                        principalTable: "KeyTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ProposedTasks_PlanDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "PlanDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_KeyTasks_LeadUnitId",
                table: "KeyTasks",
                column: "LeadUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyTasks_SourceDocumentId",
                table: "KeyTasks",
                column: "SourceDocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyTasks_Year_SortOrder",
                table: "KeyTasks",
                columns: new[] { "Year", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_ProposedFacts_DocumentId_Ordinal",
                table: "ProposedFacts",
                columns: new[] { "DocumentId", "Ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProposedFacts_IndicatorId",
                table: "ProposedFacts",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposedTasks_DocumentId_Ordinal",
                table: "ProposedTasks",
                columns: new[] { "DocumentId", "Ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProposedTasks_KeyTaskId",
                table: "ProposedTasks",
                column: "KeyTaskId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProposedFacts");

            migrationBuilder.DropTable(
                name: "ProposedTasks");

            migrationBuilder.DropTable(
                name: "KeyTasks");

            migrationBuilder.DropTable(
                name: "PlanDocuments");
        }
    }
}
