using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace PlanPulse.App.Features.Extraction;

/// <summary>A document that cannot be read as a plan text; the message says why, in Chinese, for the user.</summary>
public sealed class UnreadableDocumentException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads a plan document into plain text: .txt (UTF-8 or GB18030, detected), .docx (paragraphs in body order),
/// .pdf with a text layer. The kind is taken from the file's first bytes, not its name, so a renamed file still reads.
/// </summary>
public static class PlanDocumentReader
{
    /// <summary>
    /// Larger inputs are refused: the longest real plan reports are well under 1 MB of text; a bigger file is
    /// almost surely not one, and reading it whole would cost memory for nothing.
    /// </summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    public static string Read(string path)
    {
        FileInfo file;
        try
        {
            file = new FileInfo(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UnreadableDocumentException($"无效的文件路径:{path}", ex);
        }

        if (!file.Exists)
        {
            throw new UnreadableDocumentException($"文件不存在:{path}");
        }

        if (file.Length > MaxBytes)
        {
            throw new UnreadableDocumentException($"文件过大({file.Length / 1024 / 1024} MB,上限 {MaxBytes / 1024 / 1024} MB):{path}");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UnreadableDocumentException($"无法读取文件:{path}({ex.Message})", ex);
        }

        return Read(bytes, Path.GetFileName(path));
    }

    /// <summary>Reads an uploaded or in-memory document; <paramref name="name"/> is only used in messages.</summary>
    public static string Read(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > MaxBytes)
        {
            throw new UnreadableDocumentException($"文件过大:{name}");
        }

        if (StartsWith(bytes, "%PDF"u8))
        {
            return ReadPdf(bytes, name);
        }

        if (StartsWith(bytes, "PK\u0003\u0004"u8))
        {
            return ReadDocx(bytes, name);
        }

        if (StartsWith(bytes, [0xD0, 0xCF, 0x11, 0xE0]))
        {
            throw new UnreadableDocumentException($"不支持旧版 Word(.doc)文件,请另存为 .docx:{name}");
        }

        return DecodeText(bytes, name);
    }

    /// <summary>UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030; binary data is refused.</summary>
    public static string DecodeText(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (StartsWith(bytes, [0xEF, 0xBB, 0xBF]))
        {
            return Strict(new UTF8Encoding(false, true), bytes.AsSpan(3), name);
        }

        if (StartsWith(bytes, [0xFF, 0xFE]))
        {
            return Strict(new UnicodeEncoding(false, false, true), bytes.AsSpan(2), name);
        }

        if (StartsWith(bytes, [0xFE, 0xFF]))
        {
            return Strict(new UnicodeEncoding(true, false, true), bytes.AsSpan(2), name);
        }

        // Control bytes other than tab/CR/LF/FF do not occur in text in either encoding.
        var probe = bytes.AsSpan(0, Math.Min(bytes.Length, 64 * 1024));
        var control = 0;
        foreach (var b in probe)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C))
            {
                control++;
            }
        }

        if (control > 0 && control * 100 > probe.Length)
        {
            throw new UnreadableDocumentException($"不是文本文件(含二进制数据),支持 .txt、.docx、带文字层的 .pdf:{name}");
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: Chinese government text files that are not UTF-8 are GB2312/GBK, which GB18030 covers.
        }

        return Strict(Gb18030.Value, bytes, name);
    }

    private static string Strict(Encoding encoding, ReadOnlySpan<byte> bytes, string name)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new UnreadableDocumentException($"无法识别文件编码(既不是 UTF-8 也不是 GB18030):{name}", ex);
        }
    }

    private static string ReadDocx(byte[] bytes, string name)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var doc = WordprocessingDocument.Open(stream, false);
            var body = doc.MainDocumentPart?.Document?.Body
                ?? throw new UnreadableDocumentException($"Word 文件没有正文:{name}");
            var sb = new StringBuilder();

            // Paragraphs in body order, also those inside tables; one line each, as in a .txt export.
            foreach (var p in body.Descendants<Paragraph>())
            {
                foreach (var node in p.Descendants())
                {
                    switch (node)
                    {
                        case Text t:
                            sb.Append(t.Text);
                            break;
                        case TabChar:
                            sb.Append('\t');
                            break;
                        case Break:
                            sb.Append('\n');
                            break;
                    }
                }

                sb.Append('\n');
            }

            return sb.ToString();
        }
        catch (Exception ex) when (ex is not UnreadableDocumentException and (OpenXmlPackageException or InvalidDataException or IOException or FormatException or System.Xml.XmlException or InvalidOperationException))
        {
            throw new UnreadableDocumentException($"无法读取 Word 文件:{name}({ex.Message})", ex);
        }
    }

    private static string ReadPdf(byte[] bytes, string name)
    {
        try
        {
            using var pdf = PdfDocument.Open(bytes);
            var sb = new StringBuilder();
            foreach (var page in pdf.GetPages())
            {
                sb.Append(ContentOrderTextExtractor.GetText(page)).Append('\n');
            }

            var text = sb.ToString();
            if (text.Trim().Length == 0)
            {
                throw new UnreadableDocumentException($"PDF 没有文字层(可能是扫描件,需先做文字识别):{name}");
            }

            return text;
        }
        catch (Exception ex) when (ex is not UnreadableDocumentException)
        {
            throw new UnreadableDocumentException($"无法读取 PDF 文件:{name}({ex.Message})", ex);
        }
    }

    private static bool StartsWith(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> prefix) => bytes.StartsWith(prefix);
}
