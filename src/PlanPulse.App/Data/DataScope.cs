namespace PlanPulse.App.Data;

/// <summary>What a user may see: everything, a unit's subtree (by path), or one commissioner's projects, or nothing.</summary>
public sealed record DataScope(bool All, string? UnitPath, int? PersonId)
{
    public static readonly DataScope Everything = new(true, null, null);

    /// <summary>No rows at all: what an account without a unit or person gets, rather than everything.</summary>
    public static readonly DataScope Nothing = new(false, null, null);

    public static DataScope ForUnit(string path) => new(false, path, null);

    public static DataScope ForPerson(int personId) => new(false, null, personId);
}

/// <summary>The person behind a request: their data scope, user name and client, read when needed.</summary>
public interface IRequestActor
{
    DataScope Scope { get; }

    string UserName { get; }

    string? Client { get; }
}
