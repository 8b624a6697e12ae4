using System.CommandLine;
using System.Text;
using PlanPulse.App.Features.Extraction;

namespace PlanPulse.Cli;

/// <summary><c>planpulse extract FILE [--format jsonl|xlsx] [--out PATH]</c>: facts and tasks of a plan document.</summary>
public static class ExtractCommand
{
    public static Command Build()
    {
        var file = new Argument<string>("file") { Description = "计划报告文件(.txt UTF-8/GB18030、.docx、带文字层的 .pdf)" };
        var format = new Option<string>("--format") { Description = "输出格式:jsonl(默认)、xlsx,或 text(读出的全文,偏移量 start/end 即按此文本计)", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "xlsx", "text");
        var output = new Option<string?>("--out") { Description = "输出文件;jsonl 默认写到标准输出" };
        var extract = new Command("extract", "从计划报告中提取全部数量指标(事实)和量化任务") { file, format, output };
        extract.SetAction(async (r, ct) =>
        {
            var path = r.GetValue(file)!;
            var asWorkbook = r.GetValue(format) == "xlsx";
            var outPath = r.GetValue(output);
            if (asWorkbook && outPath is null)
            {
                await Console.Error.WriteLineAsync("xlsx 格式需要 --out 指定输出文件");
                return 2;
            }

            if (r.GetValue(format) == "text")
            {
                // The decoded text the offsets count in: what a person labelling a document needs to see.
                string text;
                try
                {
                    text = PlanDocumentReader.Read(path);
                }
                catch (UnreadableDocumentException ex)
                {
                    await Console.Error.WriteLineAsync(ex.Message);
                    return 3;
                }

                await using var sink = outPath is null
                    ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false))
                    : new StreamWriter(outPath, false, new UTF8Encoding(false));
                await sink.WriteAsync(text);
                return 0;
            }

            Domain.Extraction.ExtractionResult result;
            try
            {
                result = ExtractPlanDocument.Run(path);
            }
            catch (UnreadableDocumentException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 3;
            }

            if (asWorkbook)
            {
                await using var stream = File.Create(outPath!);
                ExtractPlanDocument.WriteWorkbook(result, stream);
            }
            else if (outPath is not null)
            {
                await using var writer = new StreamWriter(outPath, false, new UTF8Encoding(false));
                ExtractPlanDocument.WriteJsonLines(result, writer);
            }
            else
            {
                // UTF-8 without BOM whatever the console's encoding, so the lines can be piped into tools.
                await using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
                ExtractPlanDocument.WriteJsonLines(result, stdout);
            }

            await Console.Error.WriteLineAsync($"{result.Facts.Count} 条事实,{result.Tasks.Count} 条任务");
            return 0;
        });
        return extract;
    }
}
