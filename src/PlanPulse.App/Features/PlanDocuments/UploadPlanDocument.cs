using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Extraction;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Extraction;

namespace PlanPulse.App.Features.PlanDocuments;

public sealed record UploadedDocument(int Id, string Title, int Facts, int Tasks);

/// <summary>
/// Reads an uploaded plan document (.txt in UTF-8/GB18030, .docx, .pdf with a text layer), extracts its facts and
/// tasks, and stores the text with every proposal as 待审 for the plan office to review. Nothing is stored when the
/// file cannot be read; a readable file without figures is stored with no proposals, so the reviewer sees that.
/// </summary>
public static class UploadPlanDocument
{
    /// <summary>Plan reports are tens of kilobytes; 20 MB leaves room for a .docx with pictures.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>
    /// A district or provincial report has a few hundred figures; tens of thousands mean a compilation (a statistical
    /// yearbook) that no one reviews figure by figure, so it is refused rather than stored.
    /// </summary>
    public const int MaxProposals = 5000;

    public static async Task<UploadedDocument> HandleAsync(AppDbContext db, byte[] bytes, string? fileName, string user, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var name = Path.GetFileName(fileName ?? "").Trim();
        if (name.Length == 0)
        {
            throw Invalid("请选择要上传的文件");
        }

        if (name.Length > 260)
        {
            throw Invalid($"文件名最多260字,收到{name.Length}字");
        }

        if (bytes.Length > MaxBytes)
        {
            throw Invalid($"文件过大({bytes.Length / 1024 / 1024} MB),最大 {MaxBytes / 1024 / 1024} MB");
        }

        string text;
        try
        {
            text = PlanDocumentReader.Read(bytes, name);
        }
        catch (UnreadableDocumentException ex)
        {
            throw Invalid(ex.Message);
        }

        var result = PlanExtractor.Extract(text);
        if (result.Facts.Count + result.Tasks.Count > MaxProposals)
        {
            throw Invalid($"识别出{result.Facts.Count}条数据和{result.Tasks.Count}条任务,超过单个文档{MaxProposals}条的上限;请按章节拆分后分别上传");
        }

        var title = TitleOf(text) ?? name;
        var years = result.Facts.Select(f => f.Year).OfType<int>().ToList();
        var document = new PlanDocument
        {
            FileName = name,
            Title = title.Length > 300 ? title[..300] : title,
            Text = text,
            PlanYear = years.Count == 0 ? null : years.Max(),
            UploadedBy = user,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        var ordinal = 0;
        foreach (var f in result.Facts)
        {
            document.Facts.Add(new ProposedFact
            {
                Ordinal = ordinal++,
                Metric = Clip(f.Metric, 200),
                Value = f.Value,
                Unit = f.Unit,
                GrowthPct = f.GrowthPct,
                Year = f.Year,
                Kind = ExtractPlanDocument.KindText(f.Kind),
                Qualifier = f.Qualifier,
                Quote = Clip(f.Quote, 2000),
                Start = f.Start,
                End = f.End,
                Section = Clip(f.Section, 100),
            });
        }

        ordinal = 0;
        foreach (var t in result.Tasks)
        {
            document.Tasks.Add(new ProposedTask
            {
                Ordinal = ordinal++,
                Text = Clip(t.Text, 2000),
                Metric = Clip(t.Metric, 200),
                Quantity = t.Quantity,
                Unit = t.Unit,
                Section = Clip(t.Section, 100),
                Year = t.Year,
                SubjectUnits = t.SubjectUnits.Count == 0 ? null : Clip(string.Join('、', t.SubjectUnits), 500),
                Start = t.Start,
                End = t.End,
            });
        }

        db.PlanDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        return new UploadedDocument(document.Id, document.Title, document.Facts.Count, document.Tasks.Count);
    }

    /// <summary>
    /// The document's title: the first of its opening lines that names a report or plan (报告, 计划, 规划), else the first
    /// line of prose. Table rows (a web page's 索引号 | 发文字号 header, as in the seed) are skipped.
    /// </summary>
    public static string? TitleOf(string text)
    {
        // The title is among the opening lines: no need to split a long document whole.
        var lines = text[..Math.Min(text.Length, 8000)].Split('\n').Select(l => l.Trim().Trim('\uFEFF')).Where(l => l.Length > 0 && !l.Contains('|', StringComparison.Ordinal)).Take(10).ToList();
        return lines.FirstOrDefault(l => l.Length <= 300 && TitleWords.Any(w => Domain.Text.Chinese.Normalize(l).Contains(w, StringComparison.Ordinal)))
            ?? lines.FirstOrDefault();
    }

    private static readonly string[] TitleWords = ["报告", "计划", "规划"];

    private static string Clip(string s, int max) => s.Length > max ? s[..max] : s;

    private static ValidationFailedException Invalid(string message) =>
        new(new Dictionary<string, string[]> { ["file"] = [message] });
}
