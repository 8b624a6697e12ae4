using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanPulse.App.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrganisationMasterData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContactName",
                table: "Units",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactPhone",
                table: "Units",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Deactivated",
                table: "Units",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "FormerNames",
                table: "Units",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Colour",
                table: "Tracks",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Deactivated",
                table: "Tracks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ClosedOn",
                table: "Projects",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedReason",
                table: "Projects",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "Projects",
                type: "integer",
                nullable: false,
                defaultValue: 1); // existing projects are open (ProjectStatus.Open)

            migrationBuilder.AddColumn<string>(
                name: "Colour",
                table: "ProjectLists",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Deactivated",
                table: "ProjectLists",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "People",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "Deactivated",
                table: "People",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "People",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            // Existing people get a code from their id before the code becomes unique.
            migrationBuilder.Sql("UPDATE \"People\" SET \"Code\" = 'P' || \"Id\"");

            migrationBuilder.CreateIndex(
                name: "IX_People_Code",
                table: "People",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_Code",
                table: "People");

            migrationBuilder.DropColumn(
                name: "ContactName",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "ContactPhone",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "Deactivated",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "FormerNames",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "Colour",
                table: "Tracks");

            migrationBuilder.DropColumn(
                name: "Deactivated",
                table: "Tracks");

            migrationBuilder.DropColumn(
                name: "ClosedOn",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "ClosedReason",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Colour",
                table: "ProjectLists");

            migrationBuilder.DropColumn(
                name: "Deactivated",
                table: "ProjectLists");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Deactivated",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "People");
        }
    }
}
