using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;
using PlanPulse.Web;
using PlanPulse.Web.Tests.Support;
using Xunit.Abstractions;

namespace PlanPulse.Web.Tests.Pages;

/// <summary>
/// The English UI is complete: every text a page looks up has English in <see cref="UiText"/>, no page markup holds
/// Chinese outside <c>T(…)</c>, and every page reachable from the navigation, rendered in English on the demo data,
/// shows Chinese only inside elements marked <c>lang="zh-CN"</c> — data (names, reasons as the rules wrote them).
/// </summary>
public sealed partial class EnglishTextTests(ApiFixture fixture, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    /// <summary>
    /// Chinese that may stand in page source outside T(…), each with why. Keep it short: anything shown to a user
    /// belongs in the catalogue.
    /// </summary>
    private static readonly (string File, string Snippet, string Why)[] Allowed =
    [
        ("Pages/Problems.cshtml", "p.Level == \"总指挥部\" ? \"3\" : p.Level == \"专项指挥部\"", "compares the stored level name to pick a CSS class; the name is shown through T(p.Level)"),
        ("Pages/Reports/Missing.cshtml", "new[] { \"未填报\", \"草稿\", \"已退回\" }", "the states are keys of ByState, shown through T(state)"),
        ("Pages/Reports/Missing.cshtml", "state switch { \"未填报\" => \"none\", \"草稿\" => \"draft\"", "maps a state key to a test id"),
        ("Pages/Projects/Detail.cshtml", "string.Join(\"、\", p.Lists)", "joins list names (data) inside a lang=\"zh-CN\" element"),
        ("Pages/PlanDocuments/Review.cshtml", "\"其他\"", "the category stored for a new indicator (a data value, shown as data)"),
    ];

    private static readonly Regex Cjk = new(@"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF01-\uFF60]", RegexOptions.Compiled);

    [Fact]
    public void Catalogue_EveryLookedUpTextHasEnglish()
    {
        var english = UiText.English;
        var problems = new List<string>();
        foreach (var (file, line, literal) in SourceFiles().SelectMany(f => LookedUpLiterals(f)))
        {
            if (!Cjk.IsMatch(literal))
            {
                continue;
            }

            if (!english.TryGetValue(literal, out var en))
            {
                problems.Add($"{file}:{line}: T(\"{literal}\") has no English in UiText");
            }
            else if (string.IsNullOrWhiteSpace(en) || Cjk.IsMatch(en))
            {
                problems.Add($"{file}:{line}: the English of \"{literal}\" is \"{en}\"");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Catalogue_EnglishIsNeverEmptyOrChinese()
    {
        var bad = UiText.English.Where(e => string.IsNullOrWhiteSpace(e.Value) || Cjk.IsMatch(e.Value)).Select(e => $"{e.Key} → \"{e.Value}\"").ToList();
        Assert.True(bad.Count == 0, string.Join('\n', bad));
    }

    [Fact]
    public void Pages_NoChineseOutsideT()
    {
        var problems = new List<string>();
        foreach (var file in SourceFiles().Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal)))
        {
            var relative = Relative(file);
            if (Allowed.Any(a => a.File == relative && a.Snippet.Length == 0))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var rest = WithoutLookUps(lines[i]);
                foreach (var a in Allowed.Where(a => a.File == relative && a.Snippet.Length > 0))
                {
                    rest = rest.Replace(a.Snippet, string.Empty, StringComparison.Ordinal);
                }

                // The Chinese branch of an `IsEnglish ? english : "中文"` switch is the Chinese UI itself.
                rest = EnglishSwitch().Replace(rest, string.Empty);
                // The language switch names Chinese in Chinese, as every language switch does.
                rest = rest.Replace("lang=\"zh-CN\" data-testid=\"lang-zh\">中文<", string.Empty, StringComparison.Ordinal);
                if (Cjk.IsMatch(rest))
                {
                    problems.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(problems.Count == 0, "Chinese outside T(…):\n" + string.Join('\n', problems));
    }

    [Fact]
    public async Task EveryNavigationPage_InEnglish_ShowsChineseOnlyAsMarkedData()
    {
        var app = await fixture.AppAsync(Databases.Sqlite);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var tested = new List<string>();
        var problems = new List<string>();

        // The plan office sees every page but the audit search, which the administrator then adds.
        foreach (var user in new[] { "planoffice", "admin" })
        {
            using var client = await app.ClientForAsync(user);
            var dashboard = await client.GetStringAsync("/?culture=en");
            var nav = NavBlock().Match(dashboard);
            Assert.True(nav.Success, $"{user}: no main navigation on the dashboard");
            var navLinks = Links(nav.Value).ToList();
            Assert.True(navLinks.Count >= 8, $"{user}: only {navLinks.Count} navigation links");
            var fromNav = navLinks.Select(Shape).ToHashSet(StringComparer.OrdinalIgnoreCase);

            // The navigation's pages, then one page of each kind reachable from them in two clicks (a unit's
            // entry rows, a project and its history, an indicator, a filtered list…).
            var queue = new Queue<(string Url, int Depth)>(navLinks.Select(l => (l, 0)));
            while (queue.Count > 0 && tested.Count < 80)
            {
                var (url, depth) = queue.Dequeue();
                if (!seen.Add(Shape(url)))
                {
                    continue;
                }

                var response = await client.GetAsync(WithEnglish(url));
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    Assert.False(fromNav.Contains(Shape(url)), $"{url}: {response.StatusCode} {response.Content.Headers.ContentType}");
                    continue;
                }

                var html = await response.Content.ReadAsStringAsync();
                tested.Add($"{url} ({user})");
                problems.AddRange(ChineseOutsideData(html).Distinct().Select(t => $"{url}: {t}"));
                if (depth < 2)
                {
                    foreach (var link in Links(html))
                    {
                        queue.Enqueue((link, depth + 1));
                    }
                }
            }
        }

        output.WriteLine("Pages tested:\n" + string.Join('\n', tested));
        Assert.True(tested.Count >= 20, "only tested: " + string.Join(", ", tested));
        Assert.True(problems.Count == 0, "Chinese in the English pages outside lang=\"zh-CN\":\n" + string.Join('\n', problems.Take(400)));
    }

    [Fact]
    public void ChineseOutsideData_FindsUnmarkedTextAndAttributes_IgnoresMarkedData()
    {
        const string html = """
            <html lang="en"><head><title>城南片区项目 · 项目</title><script>var a = "红";</script></head>
            <body><p>Total <span lang="zh-CN">城南<b>片区</b>项目</span> done</p><td>红</td>
            <input placeholder="搜索" /><a title="详情" href="/x">x</a><div data-x="数据">ok</div>
            <span lang="zh-CN"><span>嵌套</span></span>尾巴</body></html>
            """;

        Assert.Equal(["城南片区项目 · 项目", "红", "placeholder=搜索", "title=详情", "尾巴"], ChineseOutsideData(html));
        Assert.Empty(ChineseOutsideData("<html><head><title>城南片区 · Project</title></head><body><h1 lang=\"zh-CN\">城南片区</h1></body></html>"));
    }

    /// <summary>
    /// The Chinese a reader of the English page would see outside data: text nodes and the shown attributes (title,
    /// placeholder, aria-label, alt, a button's value), skipping scripts, styles, comments and elements whose lang is Chinese.
    /// </summary>
    internal static List<string> ChineseOutsideData(string html)
    {
        var found = new List<string>();
        var zhDepth = 0;
        var stack = new Stack<(string Tag, bool Zh)>();
        var text = new StringBuilder();
        var data = new List<string>();
        var titles = new List<string>();

        // The whole text of each outermost lang="zh-CN" element, for the title check below.
        var zhText = new StringBuilder();

        void Flush()
        {
            var t = Regex.Replace(WebUtility.HtmlDecode(text.ToString()).Trim(), @"\s+", " ");
            text.Clear();
            if (zhDepth > 0)
            {
                zhText.Append(t);
            }
            else if (stack.Count > 0 && stack.Peek().Tag == "title")
            {
                titles.Add(t);
            }
            else if (Cjk.IsMatch(t))
            {
                found.Add(t);
            }
        }

        for (var i = 0; i < html.Length;)
        {
            if (html[i] != '<')
            {
                text.Append(html[i++]);
                continue;
            }

            Flush();
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var endComment = html.IndexOf("-->", i, StringComparison.Ordinal);
                i = endComment < 0 ? html.Length : endComment + 3;
                continue;
            }

            var end = TagEnd(html, i);
            var tag = html[(i + 1)..end];
            i = end + 1;
            if (tag.StartsWith('/'))
            {
                var name = tag[1..].Trim().ToLowerInvariant();
                while (stack.Count > 0)
                {
                    var (open, zh) = stack.Pop();
                    zhDepth -= zh ? 1 : 0;
                    if (zh && zhDepth == 0)
                    {
                        data.Add(zhText.ToString());
                        zhText.Clear();
                    }
                    if (open == name)
                    {
                        break;
                    }
                }

                continue;
            }

            if (tag.StartsWith('!') || tag.StartsWith('?'))
            {
                continue;
            }

            var tagName = TagName().Match(tag).Value.ToLowerInvariant();
            var attributes = Attributes().Matches(tag).ToDictionary(m => m.Groups[1].Value.ToLowerInvariant(), m => WebUtility.HtmlDecode(m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value), StringComparer.Ordinal);
            var isZh = attributes.TryGetValue("lang", out var lang) && lang.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
            if (zhDepth == 0 && !isZh)
            {
                foreach (var shown in new[] { "title", "placeholder", "aria-label", "alt" })
                {
                    if (attributes.TryGetValue(shown, out var v) && Cjk.IsMatch(v))
                    {
                        found.Add($"{shown}={v}");
                    }
                }

                if (tagName == "input" && attributes.GetValueOrDefault("type") is "submit" or "button" && attributes.TryGetValue("value", out var value) && Cjk.IsMatch(value))
                {
                    found.Add($"value={value}");
                }
            }

            if (tagName is "script" or "style")
            {
                var close = html.IndexOf("</" + tagName, i, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : TagEnd(html, close) + 1;
                continue;
            }

            if (tag.EndsWith('/') || VoidElements.Contains(tagName))
            {
                continue;
            }

            stack.Push((tagName, isZh));
            zhDepth += isZh ? 1 : 0;
        }

        Flush();

        // The document title cannot hold an element: a detail page's title is its heading's data, marked there.
        foreach (var title in titles)
        {
            var rest = data.Where(d => d.Length >= 2).OrderByDescending(d => d.Length).Aggregate(title, (t, d) => t.Replace(d, string.Empty, StringComparison.Ordinal));
            if (Cjk.IsMatch(rest))
            {
                found.Insert(0, title);
            }
        }

        return found;
    }

    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    /// <summary>The closing '>' of the tag opening at <paramref name="start"/>, skipping quoted attribute values.</summary>
    private static int TagEnd(string html, int start)
    {
        char? quote = null;
        for (var i = start + 1; i < html.Length; i++)
        {
            var c = html[i];
            if (quote is { } q)
            {
                quote = c == q ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return html.Length - 1;
    }

    /// <summary>Same-site page links (not API, static files or fragments) in the order they appear.</summary>
    private static IEnumerable<string> Links(string html) =>
        Href().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal)
                && !h.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) && !h.StartsWith("/css/", StringComparison.OrdinalIgnoreCase)
                && !h.StartsWith("/js/", StringComparison.OrdinalIgnoreCase) && !h.StartsWith("/Account/", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A link's kind: its path with numbers as #, and the names (not values) of its query keys other than the month,
    /// paging and sorting — so /reports/entry?unit=3 (a unit's rows) and /projects/5?tab=history are visited once each.
    /// </summary>
    private static string Shape(string url)
    {
        var parts = url.Split('#')[0].Split('?', 2);
        var path = Regex.Replace(parts[0].TrimEnd('/'), @"\d+", "#") is { Length: > 0 } p ? p : "/";
        var keys = (parts.Length < 2 ? [] : parts[1].Split('&')).Select(kv => kv.Split('=')[0].ToLowerInvariant())
            .Where(k => k is not ("year" or "month" or "culture" or "p" or "page" or "sort" or "" or "handler")).Distinct().Order(StringComparer.Ordinal);
        return string.Join('&', keys.Prepend(path.ToLowerInvariant()));
    }

    private static string WithEnglish(string url)
    {
        var path = url.Split('#')[0];
        var kept = path.Contains('?', StringComparison.Ordinal) ? string.Join('&', path[(path.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&').Where(p => !p.StartsWith("culture=", StringComparison.Ordinal))) : "";
        var bare = path.Split('?')[0];
        return bare + "?" + (kept.Length > 0 ? kept + "&" : "") + "culture=en";
    }

    /// <summary>Every string literal inside each T(…) call of a file, with its line number.</summary>
    private static IEnumerable<(string File, int Line, string Literal)> LookedUpLiterals(string file)
    {
        var source = File.ReadAllText(file);
        foreach (Match call in LookUp().Matches(source))
        {
            var argument = Argument(source, call.Index + call.Length);
            var line = source.AsSpan(0, call.Index).Count('\n') + 1;
            foreach (Match literal in StringLiteral().Matches(argument))
            {
                if (literal.Value.StartsWith('$'))
                {
                    // An interpolated text cannot be a catalogue key: it would always show in Chinese.
                    if (Cjk.IsMatch(literal.Value))
                    {
                        yield return (Relative(file), line, literal.Value);
                    }

                    continue;
                }

                yield return (Relative(file), line, Regex.Unescape(literal.Groups[1].Value));
            }
        }
    }

    /// <summary>A line with its T(…) calls taken out, and Razor and C# line comments.</summary>
    private static string WithoutLookUps(string line)
    {
        var result = new StringBuilder();
        var at = 0;
        foreach (Match call in LookUp().Matches(line))
        {
            if (call.Index < at)
            {
                continue;
            }

            result.Append(line, at, call.Index - at);
            at = call.Index + call.Length + Argument(line, call.Index + call.Length).Length + 1;
        }

        if (at < line.Length)
        {
            result.Append(line, at, line.Length - at);
        }

        var s = RazorComment().Replace(result.ToString(), string.Empty);
        return s.TrimStart().StartsWith("//", StringComparison.Ordinal) ? string.Empty : s;
    }

    /// <summary>The text between T( and its closing parenthesis, skipping parentheses inside string literals.</summary>
    private static string Argument(string source, int start)
    {
        var depth = 1;
        var inString = false;
        for (var i = start; i < source.Length; i++)
        {
            var c = source[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                return source[start..i];
            }
        }

        return source[start..];
    }

    private static IEnumerable<string> SourceFiles()
    {
        var root = Repository.Root();
        return new[] { "src/PlanPulse/Pages", "src/PlanPulse/Web" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != "UiText.cs")
            .Order(StringComparer.Ordinal);
    }

    private static string Relative(string file) => Path.GetRelativePath(Path.Combine(Repository.Root(), "src/PlanPulse"), file).Replace('\\', '/');

    [GeneratedRegex(@"(?<!\w)T\(")]
    private static partial Regex LookUp();

    [GeneratedRegex(@"\$?@?""((?:[^""\\]|\\.)*)""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"@\*.*?\*@")]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"IsEnglish\s*\?.*?:\s*\$?""[^""]*""")]
    private static partial Regex EnglishSwitch();

    [GeneratedRegex(@"<nav class=""sidenav""[\s\S]*?</nav>")]
    private static partial Regex NavBlock();

    [GeneratedRegex(@"href=""([^""]*)""")]
    private static partial Regex Href();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9-]*")]
    private static partial Regex TagName();

    [GeneratedRegex(@"([A-Za-z_:][-A-Za-z0-9_:.]*)(\s*=\s*(?:""([^""]*)""|'([^']*)'))?")]
    private static partial Regex Attributes();
}
