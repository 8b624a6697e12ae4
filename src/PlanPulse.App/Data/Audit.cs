using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace PlanPulse.App.Data;

/// <summary>Captures old → new values of every tracked change before it is saved.</summary>
public static class Audit
{
    // Secrets never reach the audit trail; their change is recorded as "(changed)".
    private static readonly HashSet<string> Masked = new(StringComparer.Ordinal)
    {
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp), nameof(ApiToken.Hash),
    };

    // Whole documents are kept once, in their row; the trail records their size, not a second copy of the text.
    private static readonly HashSet<string> Elided = new(StringComparer.Ordinal) { nameof(PlanDocument.Text) };

    public sealed class Pending(EntityEntry entry, string action, Dictionary<string, object?> changes)
    {
        public AuditEntry ToEntry(DateTime at, string user, string? client)
        {
            var key = entry.Metadata.FindPrimaryKey();
            var keyText = key is null ? "" : string.Join(",", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
            return new AuditEntry
            {
                At = at,
                User = user,
                Client = client is { Length: > 400 } ? client[..400] : client,
                Action = action,
                Entity = entry.Metadata.ClrType.Name,
                Key = keyText,
                Changes = JsonSerializer.Serialize(changes),
            };
        }
    }

    public static List<Pending> Capture(ChangeTracker tracker)
    {
        var result = new List<Pending>();
        foreach (var e in tracker.Entries())
        {
            if (e.Entity is AuditEntry)
            {
                if (e.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("审计记录只能追加,不能修改或删除");
                }

                continue;
            }

            // Keys and pending uploads are working state of the app, not records anyone changes.
            if (e.Entity is DataProtectionKey or PendingUpload or SignInFailure || e.Metadata.IsOwned() || e.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var p in e.Properties)
            {
                var name = p.Metadata.Name;
                switch (e.State)
                {
                    case EntityState.Added:
                        changes[name] = new { @new = Show(name, p.CurrentValue) };
                        break;
                    case EntityState.Deleted:
                        changes[name] = new { old = Show(name, p.OriginalValue) };
                        break;
                    case EntityState.Modified when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue):
                        changes[name] = new { old = Show(name, p.OriginalValue), @new = Show(name, p.CurrentValue) };
                        break;
                }
            }

            if (e.State == EntityState.Modified && changes.Keys.All(k => k == nameof(IVersioned.Version)))
            {
                continue;
            }

            result.Add(new Pending(e, e.State switch { EntityState.Added => "Created", EntityState.Deleted => "Deleted", _ => "Updated" }, changes));
        }

        return result;
    }

    private static object? Show(string name, object? value) => Masked.Contains(name) ? (value is null ? null : "(changed)") : value switch
    {
        string text when Elided.Contains(name) => $"({text.Length} 字)",
        decimal[] a => string.Join(";", a),
        _ => value,
    };
}
