using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanPulse.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class YearRollover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TrackId",
                table: "AnnualPlans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnualPlans_TrackId",
                table: "AnnualPlans",
                column: "TrackId");

            migrationBuilder.AddForeignKey(
                name: "FK_AnnualPlans_Tracks_TrackId",
                table: "AnnualPlans",
                column: "TrackId",
                principalTable: "Tracks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AnnualPlans_Tracks_TrackId",
                table: "AnnualPlans");

            migrationBuilder.DropIndex(
                name: "IX_AnnualPlans_TrackId",
                table: "AnnualPlans");

            migrationBuilder.DropColumn(
                name: "TrackId",
                table: "AnnualPlans");
        }
    }
}
