namespace PlanPulse.App.Data;

/// <summary>
/// A file uploaded for preview and kept until its commit, so the commit saves exactly what was previewed without a
/// second upload. In the database rather than on one instance's disk: with several app instances behind a load
/// balancer, the commit may reach another instance than the preview did. Working state, not business data: not audited,
/// removed on commit and a day after upload.
/// </summary>
public sealed class PendingUpload
{
    public int Id { get; set; }

    /// <summary>Random, unguessable (128 bits, hex); the only handle the browser gets.</summary>
    public required string Token { get; set; }

    /// <summary>Only the user who uploaded the file may commit it.</summary>
    public required string UserName { get; set; }

    public required string FileName { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>UTC.</summary>
    public DateTime UploadedAt { get; set; }
}
