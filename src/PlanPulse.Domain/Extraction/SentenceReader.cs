namespace PlanPulse.Domain.Extraction;

/// <summary>
/// Reads the facts of one sentence. A sentence is split into clauses at commas; in each clause the figures are
/// grouped into runs (figures joined only by 、/和: a list of values), and the words before a run name it.
/// </summary>
internal sealed class SentenceReader(string text, int sentenceStart, int sentenceEnd)
{
    private static readonly string[] ListSeparators = ["、", "和", "及", "与", "或", " "];

    private readonly List<Draft> _facts = [];

    // What the sentence has counted last (a project list); later figures of the sentence may be its attributes.
    private Phrase? _subject;

    // The last clause without a figure (推进城镇老旧小区改造,完成5.7万个): it names what a bare verb's figure counts.
    private (int Start, int End)? _plainClause;

    // A stance standing as a clause of its own (初步预计,…): it qualifies every later figure of the sentence.
    private string? _sentenceStance;

    public void Read(List<Draft> output)
    {
        var clauseStart = sentenceStart;
        for (var i = sentenceStart; i <= sentenceEnd; i++)
        {
            if (i < sentenceEnd && !IsClauseBreak(i))
            {
                continue;
            }

            if (i > clauseStart)
            {
                ReadClause(clauseStart, i);
            }

            clauseStart = i + 1;
        }

        output.AddRange(_facts);
    }

    // A comma inside a number (1,234.5亿元) does not end a clause.
    private bool IsClauseBreak(int i) => text[i] switch
    {
        ',' => !(i > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1])),
        // 城乡居民收入比缩小至2.04:1: a colon between digits is a ratio, not a clause break.
        ':' => !(i > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1])),
        _ => false,
    };

    private void ReadClause(int clauseStart, int clauseEnd)
    {
        var tokens = NumberTokens.Scan(text, clauseStart, clauseEnd);
        if (tokens.Count == 0)
        {
            if (StanceClause(clauseStart, clauseEnd) is { } sentenceStance)
            {
                _sentenceStance = sentenceStance;
                return;
            }

            _plainClause = (clauseStart, clauseEnd);
            return;
        }

        var opening = SkipWords(clauseStart, clauseEnd, Vocabulary.StanceLeads);
        if (clauseStart == sentenceStart && Vocabulary.SentenceStances.FirstOrDefault(w => StartsWith(opening, clauseEnd, w)) is { } opener)
        {
            // 预计全市地区生产总值增长5.2%左右,一般公共预算收入增长3.1%,…: an estimate opening the sentence covers its figures.
            _sentenceStance = opener;
        }

        var runs = GroupRuns(tokens);
        var prevEnd = clauseStart;
        Phrase? carry = null;
        Phrase? scope = null;
        var stance = _sentenceStance;
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            var leadEnd = run[0].Start;
            var continuation = r > 0 && StartsWithAny(prevEnd, leadEnd, ListSeparators);
            var leadStart = SkipSeparators(prevEnd, leadEnd);
            if (r == 0)
            {
                leadStart = RepairGarble(clauseStart, leadStart, leadEnd);
            }

            var quoteStart = leadStart;
            (leadStart, var stanceHere) = CutAtStance(leadStart, leadEnd);
            stance = stanceHere ?? stance;
            var nextRunStart = r + 1 < runs.Count ? runs[r + 1][0].Start : clauseEnd;

            // 12类55件民生实事: two counts written together count the one noun after the second.
            var compound = run.Count == 2 && run[0].QuoteEnd == run[1].Start && Vocabulary.CountUnits.Contains(run[0].BaseUnit);
            if ((run.Count == 1 || compound) && CountNoun(run[^1], nextRunStart, clauseEnd, r + 1 < runs.Count) is { } noun)
            {
                // 完成50个智能化改造项目 / 21个…项目签约落地: the count names what follows it.
                // 惠及超140万名困难群众: a bound between the verb and the count qualifies the count.
                var countPre = Vocabulary.PreQualifiers.Where(w => EndsWith(leadStart, leadEnd, w)).Take(1).ToList();
                var countLeadEnd = leadEnd - countPre.Sum(w => w.Length);
                if (countLeadEnd > leadStart && text[countLeadEnd - 1] == '“')
                {
                    // 出台“33条”增量政策: the open quote is not part of the verb.
                    countLeadEnd--;
                }

                var verb = CountVerb(leadStart, countLeadEnd);
                if (verb.IsEmpty && continuation && carry is not null)
                {
                    verb = carry;
                }

                var nounPhrase = Phrase.Span(noun.Start, noun.End);
                var metricPhrase = verb.Then(nounPhrase);
                if (Vocabulary.PlaceWords.FirstOrDefault(w => StartsWith(noun.Start, noun.End, w) && noun.End - noun.Start > w.Length) is { } place
                    && !Vocabulary.FacilityHeads.Any(h => EndsWith(noun.Start + place.Length, noun.End, h)))
                {
                    metricPhrase = verb.Then(Phrase.Span(noun.Start + place.Length, noun.End)).Then(Phrase.Span(noun.Start, noun.Start + place.Length));
                }

                foreach (var t in run)
                {
                    // 12类55件民生实事: the first count is of categories (民生实事类), the second of the things.
                    var named = t == run[^1] ? metricPhrase : metricPhrase.Then(Phrase.Span(t.End - t.BaseUnit.Length, t.End));
                    _facts.Add(Make(named, t, false, false, Qualify(t, stance, countPre), quoteStart, Math.Max(noun.End, run[^1].QuoteEnd), clauseStart, clauseEnd));
                }

                _subject = nounPhrase;
                carry = CarriedVerb(verb) ?? carry;
                prevEnd = noun.After;
                continue;
            }

            var percent = run.All(t => t.IsPercent);
            var points = run.All(t => t.IsPercentagePoints);

            // 增长近3倍: a change written as a multiple stays a value in 倍, named like the growth it states.
            var multiple = run.All(t => t.Unit == "倍");
            var growthVerb = percent || points || multiple ? EndingGrowthVerb(leadStart, leadEnd) : null;
            var isGrowth = percent && growthVerb is not null;
            var negative = growthVerb is not null && Vocabulary.NegativeWords.Contains(growthVerb.Value.Word);
            var growthAfter = percent && growthVerb is null && r == runs.Count - 1 ? GrowthAfter(leadStart, leadEnd, run[^1].QuoteEnd, clauseEnd) : null;
            if (growthAfter is { } ga)
            {
                // 城乡低保分别按3%、7%稳步提标: 按 a rate and a verb of raising after it is a growth.
                isGrowth = true;
                negative = Vocabulary.NegativeWords.Contains(ga.Verb);
                growthVerb = (ga.At, "");
            }
            if (points && growthVerb is null)
            {
                // 比城镇居民快2.1个百分点 / 低0.3个百分点: the sign comes from the comparison word.
                negative = Vocabulary.NegativeWords.Any(w => EndsWith(leadStart, leadEnd, w))
                    || Vocabulary.NegativeComparisons.Any(w => text.IndexOf(w, leadStart, leadEnd - leadStart, StringComparison.Ordinal) >= 0);
            }

            var nameEnd = growthVerb?.Start ?? leadEnd;
            var name = StripName(leadStart, nameEnd, out var pre);
            if (growthVerb is { } gv && text[(gv.Start + gv.Word.Length)..leadEnd].Trim() is { Length: > 0 } between)
            {
                pre.Add(between);
            }
            if (percent && !isGrowth && EndsWith(leadStart, leadEnd, "的"))
            {
                name = ShareName(name, pre);
            }

            if (isGrowth && name.IsEmpty)
            {
                // 、增长3.7% / ,同比增长2.6% / ,分别增长39.4%、15.8%: the growth of the figures just named.
                AttachGrowth(run, negative, stance, clauseStart, clauseEnd);
                prevEnd = run[^1].QuoteEnd;
                continue;
            }

            if (run.Count == 1 && (pre.Contains("各") || pre.Contains("均")) && ListItems(name) is { Count: > 1 } each)
            {
                // 新增职业技术大学、高等职业学校各2所: the one figure holds for every item; the list's verb is carried.
                // 均 says the same (适龄儿童入园率和普惠率均达到93%); items ending alike share the tail (食品、药品抽检合格率均超99%).
                if (SharedTail(each) is { } tail)
                {
                    each = each.Select((p, k) => k < each.Count - 1 ? p.Then(tail) : p).ToList();
                }

                var verb = CarriedVerb(each[0]);
                foreach (var item in each)
                {
                    var metric = verb is not null && CarriedVerb(item) is null ? verb.Then(item) : item;
                    _facts.Add(Make(metric, run[0], isGrowth, negative, Qualify(run[0], stance, pre), quoteStart, run[0].QuoteEnd, clauseStart, clauseEnd));
                }

                carry = verb;
                prevEnd = run[0].QuoteEnd;
                continue;
            }

            if (run.Count == 1 && r == runs.Count - 1 && !isGrowth && AttributedNoun(run[0], clauseEnd) is { } owner)
            {
                // 设立总规模500亿元的省战略性新兴产业母基金 → 省战略性新兴产业母基金总规模: the figure describes the noun after 的.
                var attribute = Cut(name, Vocabulary.CountVerbs, []);
                _facts.Add(Make(owner.Then(attribute), run[0], false, false, Qualify(run[0], stance, pre), quoteStart, clauseEnd, clauseStart, clauseEnd));
                prevEnd = clauseEnd;
                continue;
            }

            if (percent && !isGrowth && name.IsEmpty && stanceHere is not null && _facts.Count > 0 && _facts[^1].Value is null && _facts[^1].Growth is not null)
            {
                // 地区生产总值增长7%以上、力争达到8%: the stretch target of a growth is a growth too.
                isGrowth = true;
            }

            // Not 突破1600亿斤大关: only a lead that is one verb of the count kind (完成, 新建 …) makes the words after a
            // measure its noun.
            var verbFrom = SkipWords(leadStart, leadEnd, Vocabulary.MeasureLeads);
            var measure = !percent && !points && !multiple && !Vocabulary.CountUnits.Contains(run[0].BaseUnit)
                && Vocabulary.CountVerbs.Any(v => leadEnd - verbFrom == v.Length && StartsWith(verbFrom, leadEnd, v));
            if (run.Count == 1 && (percent || measure) && !isGrowth && r == runs.Count - 1
                && SharedNoun(run[0], leadStart, leadEnd, name, clauseEnd) is { } shareOf)
            {
                // 50%以上村卫生室实现与乡镇卫生院一体化管理 / 实现所有乡镇和90%以上行政村通硬化路: the share is of the noun after it.
                // 完成3800万平方米建筑智能化供热改造: a measure with only a verb before it, too (the verb stays, as with a count:
                // 完成建筑智能化供热改造).
                var measured = measure ? Phrase.Span(verbFrom, leadEnd).Then(shareOf) : shareOf;
                _facts.Add(Make(measured, run[0], false, false, Qualify(run[0], stance, pre), quoteStart, clauseEnd, clauseStart, clauseEnd));
                prevEnd = clauseEnd;
                continue;
            }

            var names = run.Count > 1 ? SplitList(name, run.Count) : [name];

            // 城镇调查失业率、居民消费价格涨幅分别控制在5%和3%以内: 分别 gives the bound written after the last figure to every one.
            var sharedBound = run.Count > 1 && names.Count == run.Count && pre.Contains("分别") && run.Take(run.Count - 1).All(t => t.PostQualifier is null)
                ? run[^1].PostQualifier : null;
            for (var k = 0; k < run.Count; k++)
            {
                var metric = names.Count == run.Count ? names[k] : name;
                metric = Resolve(metric, run[k], continuation, carry, scope, leadStart, nameEnd, clauseStart);
                if (k > 0 && names.Count != run.Count && run[k].BaseUnit != run[0].BaseUnit && Vocabulary.UnitNouns.TryGetValue(run[k].BaseUnit, out var unitNoun))
                {
                    // 改造城镇老旧小区1376个、14万户 → 改造城镇老旧小区户数: a second figure of the one item in another unit.
                    metric = metric.Then(Phrase.Literal(unitNoun));
                }

                var q = sharedBound ?? Qualify(run[k], stance, pre);
                var itemGrowth = isGrowth;
                if (percent && !isGrowth && names.Count == run.Count && Cut(metric, [], Vocabulary.GrowthNouns) is var rate && rate != metric)
                {
                    // …、居民消费价格涨幅分别控制在5%和3%以内: the item that names a rate of change is a growth.
                    metric = rate;
                    itemGrowth = true;
                }

                _facts.Add(Make(metric, run[k], itemGrowth, negative, q, quoteStart, run[^1].QuoteEnd, clauseStart, clauseEnd));
            }

            if (!continuation)
            {
                carry = CarriedVerb(name);
                scope = ScopeOf(name);
                if (run.Count == 1 && Vocabulary.CountUnits.Contains(run[0].Unit) && (ArrangedSubject(name) ?? CountedProjects(name)) is { } arranged)
                {
                    _subject = arranged;
                }
            }

            prevEnd = run[^1].QuoteEnd;
        }
    }

    /// <summary>Where a metric has no name of its own it borrows one: the counted subject, the list's verb or scope, the previous figure.</summary>
    private Phrase Resolve(Phrase metric, NumberToken token, bool continuation, Phrase? carry, Phrase? scope, int leadStart, int nameEnd, int clauseStart)
    {
        var own = metric.Text(text);
        if (!continuation && _plainClause is { } plain && plain.End + 1 == clauseStart
            && (metric.IsEmpty ? _facts.Count == 0 : own.Length <= 2 && (Vocabulary.CountVerbs.Contains(own) || Vocabulary.LeadingNoise.Contains(own))))
        {
            // 推进城镇老旧小区改造,完成5.7万个 → 推进城镇老旧小区改造完成: a bare verb borrows the clause before it.
            var from = SkipWords(plain.Start, plain.End, Vocabulary.LeadingNoise);
            return Phrase.Span(from, plain.End).Then(metric);
        }

        if (metric.IsEmpty && _facts.Count > 0 && StartsWith(leadStart, nameEnd, "累计"))
        {
            // 新入选国家5G工厂113家、累计210家 → 累计国家5G工厂: the stock of what the year added.
            return Phrase.Span(leadStart, leadStart + 2).Then(Cut(_facts[^1].Metric, Vocabulary.FlowVerbs, Vocabulary.FlowVerbs));
        }

        if (metric.IsEmpty && continuation && _facts.Count > 0 && _facts[^1].Unit is { } previousUnit
            && Vocabulary.MagnitudeFree(previousUnit) != token.BaseUnit && Vocabulary.UnitNouns.TryGetValue(token.BaseUnit, out var unitNoun))
        {
            // 改造城镇老旧小区1376个、14万户 → 改造城镇老旧小区户数: a second figure of the item in another unit.
            return _facts[^1].Metric.Then(Phrase.Literal(unitNoun));
        }

        if (metric.IsEmpty)
        {
            // 力争完成400亿元 after 固定资产投资完成350亿元: a stretch target of the same metric.
            return _facts.Count > 0 ? _facts[^1].Metric : Phrase.Span(leadStart, nameEnd);
        }

        var rawEnd = TrimTrailing(leadStart, nameEnd, out _);
        if (_subject is not null && StartsWithAny(leadStart, rawEnd, Vocabulary.SubjectAttributes))
        {
            // 5个川渝共建年度重大项目完成投资33亿元 → 川渝共建年度重大项目完成投资; 总投资1126亿元 after 专项安排项目92个.
            return _subject.Then(Phrase.Span(leadStart, rawEnd));
        }

        if (continuation && Vocabulary.BareVerbs.Contains(own) && _facts.Count > 0)
        {
            // 新增市场主体9080户、净增1954户 → 市场主体净增.
            return WithoutCarriedVerb(_facts[^1].Metric).Then(metric);
        }

        if (continuation && Vocabulary.SwapVerbs.Contains(own) && _facts.Count > 0)
        {
            // 制定规章2件、废止22件 → 废止规章; 老旧小区改造开工742个、完工548个 → 老旧小区改造完工.
            var previous = _facts[^1].Metric;
            var verbs = Vocabulary.CountVerbs.Concat(Vocabulary.SwapVerbs).ToArray();
            var noVerb = Cut(previous, verbs, []);
            if (noVerb != previous)
            {
                return metric.Then(noVerb);
            }

            return Cut(previous, [], Vocabulary.SwapVerbs).Then(metric);
        }

        if (continuation && StartsWith(leadStart, nameEnd, "占") && _facts.Count > 0)
        {
            // 城镇新增就业143.02万人、占全国1/10以上 → 城镇新增就业占全国: the share of the item just named.
            return _facts[^1].Metric.Then(metric);
        }

        if (continuation && _facts.Count > 0 && Vocabulary.TotalWords.FirstOrDefault(w => own.StartsWith(w, StringComparison.Ordinal)) is { } total
            && own.Length > total.Length && _facts[^1].Metric.Text(text) is var previousName
            && previousName.EndsWith(own[total.Length..], StringComparison.Ordinal) && previousName.Length > own.Length - total.Length)
        {
            // 新增地铁运营里程43公里、总里程达到879公里 → 地铁运营总里程: the total of what the item before added (as 累计).
            return Cut(_facts[^1].Metric, Vocabulary.FlowVerbs, [own[total.Length..]]).Then(metric);
        }

        if (continuation && carry is not null && CarriedVerb(metric) is null)
        {
            return carry.Then(metric);
        }

        if (continuation && scope is not null && ScopeOf(metric) is null)
        {
            return scope.Then(metric);
        }

        return metric;
    }

    /// <summary>
    /// The noun a share stands before (50%以上村卫生室实现…): the rest of the clause, all CJK, when the figure has no name of
    /// its own before it, or only a figure-less list item (实现所有乡镇和90%以上行政村通硬化路). Not before 的 (占…的).
    /// </summary>
    private Phrase? SharedNoun(NumberToken t, int leadStart, int leadEnd, Phrase name, int clauseEnd)
    {
        var from = t.QuoteEnd;
        if (clauseEnd - from < 2 || text[from] == '的' || !text[from..clauseEnd].All(IsCjk))
        {
            return null;
        }

        var lead = leadEnd;
        while (lead > leadStart && text[lead - 1] == ' ')
        {
            lead--;
        }

        var afterItem = lead > leadStart && text[lead - 1] is '和' or '、' or '及' or '与';
        return name.IsEmpty || afterItem ? Phrase.Span(from, clauseEnd) : null;
    }

    /// <summary>The phrase without the longest of <paramref name="heads"/> at its front and of <paramref name="tails"/> at its end.</summary>
    private Phrase Cut(Phrase phrase, string[] heads, string[] tails)
    {
        var pieces = phrase.Pieces.ToList();
        var first = pieces.FindIndex(p => p.Literal is null);
        if (first < 0)
        {
            return phrase;
        }

        var p0 = pieces[first];
        if (heads.Where(w => StartsWith(p0.Start, p0.Start + p0.Length, w) && p0.Length > w.Length).MaxBy(w => w.Length) is { } head)
        {
            pieces[first] = p0 = new Piece(p0.Start + head.Length, p0.Length - head.Length, null);
        }

        var last = pieces.FindLastIndex(p => p.Literal is null);
        var pl = pieces[last];
        if (tails.Where(w => EndsWith(pl.Start, pl.Start + pl.Length, w) && pl.Length > w.Length).MaxBy(w => w.Length) is { } tail)
        {
            pieces[last] = new Piece(pl.Start, pl.Length - tail.Length, null);
        }

        return pieces.SequenceEqual(phrase.Pieces) ? phrase : new Phrase(pieces);
    }

    private Phrase? ScopeOf(Phrase name)
    {
        var first = name.Pieces.FirstOrDefault(p => p.Literal is null);
        if (name.IsEmpty || first.Length == 0)
        {
            return null;
        }

        var scope = Vocabulary.ScopePrefixes.FirstOrDefault(w => StartsWith(first.Start, first.Start + first.Length, w));
        return scope is null ? null : Phrase.Span(first.Start, first.Start + scope.Length);
    }

    /// <summary>
    /// Projects counted by name then number (统筹推进重大项目2200个以上,完成投资5000亿元以上): the later attributes of
    /// the sentence are theirs.
    /// </summary>
    private Phrase? CountedProjects(Phrase name)
    {
        var last = name.Pieces.LastOrDefault(p => p.Literal is null);
        return name.IsEmpty || last.Length == 0 || !EndsWith(last.Start, last.Start + last.Length, "项目") ? null : name;
    }

    /// <summary>
    /// The projects a 安排 count is about: 计划安排重大建设项目220个 → 重大建设项目; 新材料高地专项安排项目92个 → 新材料高地专项.
    /// </summary>
    private Phrase? ArrangedSubject(Phrase name)
    {
        var last = name.Pieces.LastOrDefault(p => p.Literal is null);
        if (name.IsEmpty || last.Length == 0)
        {
            return null;
        }

        var end = last.Start + last.Length;
        var at = text.IndexOf("安排", last.Start, last.Length, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var after = at + 2;
        if (end - after == 2 && StartsWith(after, end, "项目"))
        {
            return Phrase.Span(last.Start, at);
        }

        return end > after ? Phrase.Span(after, end) : null;
    }

    private void AttachGrowth(List<NumberToken> run, bool negative, string? stance, int clauseStart, int clauseEnd)
    {
        var open = _facts.Where(f => f.Growth is null && f.Value is not null).TakeLast(run.Count).ToList();
        if (open.Count == run.Count)
        {
            for (var k = 0; k < run.Count; k++)
            {
                open[k].Growth = negative ? -run[k].Number : run[k].Number;
                open[k].QuoteEnd = Math.Max(open[k].QuoteEnd, run[^1].QuoteEnd);
                open[k].Qualifier ??= run[k].PostQualifier;
            }

            return;
        }

        var inherited = _facts.Count > 0 ? _facts[^1].Metric : Phrase.Empty;
        foreach (var t in run)
        {
            _facts.Add(Make(inherited, t, true, negative, Qualify(t, stance, []), run[0].Start, run[^1].QuoteEnd, clauseStart, clauseEnd));
        }
    }

    private Draft Make(Phrase metric, NumberToken t, bool growth, bool negative, string? qualifier, int quoteStart, int quoteEnd, int clauseStart, int clauseEnd)
    {
        var signed = negative ? -t.Number : t.Number;
        return new Draft
        {
            Metric = metric,
            Value = growth ? null : signed,
            Unit = growth ? null : t.Unit,
            Growth = growth ? signed : null,
            Qualifier = qualifier,
            QuoteStart = Math.Min(quoteStart, t.Start),
            QuoteEnd = quoteEnd,
            ClauseStart = clauseStart,
            ClauseEnd = clauseEnd,
            SentenceStart = sentenceStart,
            SentenceEnd = sentenceEnd,
        };
    }

    /// <summary>
    /// Precedence of bounds: one written after the figure (以上, 左右) is the commitment's own bound; then the
    /// stance (力争); then 余 inside the figure; then a bound before it (突破, 近, 达到).
    /// </summary>
    private static string? Qualify(NumberToken t, string? stance, IReadOnlyCollection<string> pre)
    {
        if (t.PostQualifier is { } post)
        {
            return post;
        }

        if (stance is not null)
        {
            return stance;
        }

        if (t.Approximate)
        {
            return "余";
        }

        foreach (var q in Vocabulary.PreQualifiers)
        {
            if (pre.Contains(q))
            {
                return Vocabulary.QualifierSpellings.GetValueOrDefault(q, q);
            }
        }

        return null;
    }

    private List<List<NumberToken>> GroupRuns(List<NumberToken> tokens)
    {
        var runs = new List<List<NumberToken>> { new() { tokens[0] } };
        for (var i = 1; i < tokens.Count; i++)
        {
            var gap = tokens[i - 1].QuoteEnd;
            var between = gap <= tokens[i].Start ? tokens[i].Start - gap : -1;
            if (between >= 0 && between <= 2 && IsJoiner(tokens[i - 1], tokens[i]))
            {
                runs[^1].Add(tokens[i]);
            }
            else
            {
                runs.Add([tokens[i]]);
            }
        }

        return runs;
    }

    private bool IsJoiner(NumberToken a, NumberToken b)
    {
        var gap = text[a.QuoteEnd..b.Start].Trim();
        return gap is "" or "、" or "和" or "及" or "与" or "、和" or "或";
    }

    /// <summary>
    /// A count followed by its noun, up to the next figure, list separator or (when a figure follows) the verb of that
    /// figure. A bound may stand between them (推进200个以上投资超亿元的文旅重大项目).
    /// </summary>
    private (int Start, int End, int After)? CountNoun(NumberToken t, int nextRunStart, int clauseEnd, bool figureFollows)
    {
        var nounStart = t.QuoteEnd;
        if (!Vocabulary.CountUnits.Contains(t.BaseUnit) || nounStart >= clauseEnd)
        {
            return null;
        }

        if (text[nounStart] == '”' && nounStart + 1 < clauseEnd)
        {
            // 出台“33条”增量政策: the noun starts after the quote.
            nounStart++;
        }

        var c = text[nounStart];
        if (!(IsCjk(c) || c is '“' or '"'))
        {
            return null;
        }

        var end = nextRunStart;
        if (figureFollows && end - 1 > nounStart && text[end - 1] is '和' or '及' or '与')
        {
            // 新增15家备案博物馆和29家类博物馆: the 和 joins two counted items.
            end--;
        }

        var sep = text.IndexOf('、', nounStart, end - nounStart);
        if (sep >= 0)
        {
            end = sep;
        }

        foreach (var w in Vocabulary.NounEndWords)
        {
            var at = text.IndexOf(w, nounStart, end - nounStart, StringComparison.Ordinal);
            if (at > nounStart)
            {
                end = at;
            }
        }

        if (figureFollows)
        {
            foreach (var v in Vocabulary.SubjectEndVerbs)
            {
                var at = text.IndexOf(v, nounStart, end - nounStart, StringComparison.Ordinal);
                if (at > nounStart)
                {
                    end = at;
                }
            }
        }

        var after = end;

        // 6座抽水蓄能电站等项目: 等 and a generic category end the noun (抽水蓄能电站).
        var etc = end - nounStart > 3 ? text.IndexOf('等', nounStart + 2, end - nounStart - 2) : -1;
        if (etc > 0 && Vocabulary.EtceteraHeads.Any(h => EndsWith(etc + 1, end, h) && end - etc - 1 == h.Length))
        {
            end = etc;
        }

        end = TrimTrailing(nounStart, end, out _);
        return end > nounStart ? (nounStart, end, after) : null;
    }

    /// <summary>
    /// The verb before a count (完成50个…, 统筹推进65个…). In 推进A和17个B the count starts a new item after 和; after a
    /// list (建立总指挥部统筹、3个…) the count has no verb; words between the verb and the count qualify the noun.
    /// </summary>
    private Phrase CountVerb(int start, int end)
    {
        var and = end > start ? text.LastIndexOf('和', end - 1, end - start) : -1;
        var andAlso = end - start >= 2 ? text.LastIndexOf("以及", end - 1, end - start, StringComparison.Ordinal) : -1;
        if (andAlso >= start && andAlso + 1 > and)
        {
            // 开工建设白龙核电一期以及6座…: 以及 joins items as 和 does.
            and = andAlso + 1;
        }

        if (and >= start)
        {
            start = and + 1;
        }

        if (end > start && text[end - 1] == '、')
        {
            return Phrase.Empty;
        }

        start = SkipWords(start, end, ["全年", "并", "和", "、", "其中", "同时"]);

        // 五星抽水蓄能电站等518个项目, 重点打造智能电网、工程机械等10条…: the examples before 等 do not name the count,
        // and the verb is the one before the first example (推进A、推进B等4个方面 is not counted by the second 推进).
        var examples = EndsWith(start, end, "等") && !Vocabulary.NotEtcetera.Any(w => EndsWith(start, end, w));
        var verbsEnd = end;
        if (examples && text.IndexOf('、', start, end - start) is var firstSep and >= 0)
        {
            verbsEnd = firstSep;
        }

        var bestAt = -1;
        var bestVerb = "";
        foreach (var v in Vocabulary.CountVerbs)
        {
            var at = verbsEnd - start >= v.Length ? text.LastIndexOf(v, verbsEnd - 1, verbsEnd - start, StringComparison.Ordinal) : -1;
            if (at >= start && (at + v.Length > bestAt + bestVerb.Length || (at + v.Length == bestAt + bestVerb.Length && v.Length > bestVerb.Length)))
            {
                bestAt = at;
                bestVerb = v;
            }
        }

        if (bestAt < 0)
        {
            return examples && NamedExamples(start, end - 1) ? Phrase.Empty : Phrase.Span(start, end);
        }

        var modifier = bestAt + bestVerb.Length;
        examples = examples && NamedExamples(modifier, end - 1);
        return examples ? Phrase.Span(bestAt, modifier) : modifier < end ? Phrase.Span(modifier, end) : Phrase.Span(bestAt, end);
    }

    /// <summary>The metric name between the clause's lead and the figure, without connectives, level verbs and bounds.</summary>
    private Phrase StripName(int start, int end, out List<string> removed)
    {
        end = TrimTrailing(start, end, out removed);
        Phrase prefix = Phrase.Empty;
        if (StartsWith(start, end, "其中"))
        {
            // 其中工业投资 keeps its scope word: a part of the total just named. Before a verb or a comparison
            // (其中签约引进…, 其中战新产业占工业引资, 其中农村居民…比城镇居民快) it is only a connective.
            var rest = SkipWords(start + 2, end, Vocabulary.LeadingNoise);
            var plain = text.IndexOfAny(['占', '比', '快', '慢'], rest, end - rest) < 0 && !StartsWithAny(rest, end, Vocabulary.CarriedVerbs);
            if (plain)
            {
                prefix = Phrase.Span(start, start + 2);
            }

            start += 2;
        }

        start = SkipWords(start, end, Vocabulary.LeadingNoise);
        if (EndsWith(start, end, "在") && Vocabulary.SplitLevelVerbs.FirstOrDefault(v => StartsWith(start, end, v) && end - start > v.Length + 1) is { } split)
        {
            // 稳定基本医疗保险参保率在97%以上 → 基本医疗保险参保率: the level verb 稳定在 written around the name.
            start += split.Length;
            end--;
        }

        if (end - start > 5 && char.IsAsciiDigit(text[start]) && text[start + 4] == '年' && text[start..(start + 4)].All(char.IsAsciiDigit))
        {
            // 2024年地区生产总值: the year is a field of the fact, not part of its name.
            start = SkipWords(start + 5, end, Vocabulary.LeadingNoise);
        }

        if (StartsWith(start, end, "具有"))
        {
            // 具有全球影响力的新材料高地专项: the attributive 具有…的 describes, it does not name.
            var of = text.IndexOf('的', start, end - start);
            if (of > 0 && of - start <= 15)
            {
                start = of + 1;
            }
        }

        if (start >= end)
        {
            return Phrase.Empty;
        }

        if (Examples(start, end) is { } cut)
        {
            // 举办中俄文化大集等特色文旅活动2万余场 → 举办特色文旅活动: the examples before 等 are not the name.
            prefix = prefix.Then(Phrase.Span(start, cut.From));
            start = cut.To;
        }

        var body = Phrase.Empty;
        var from = start;
        foreach (var verb in Vocabulary.InnerLevelVerbs)
        {
            int at;
            while ((at = text.IndexOf(verb, from, end - from, StringComparison.Ordinal)) > from)
            {
                body = body.Then(Phrase.Span(from, at));
                from = at + verb.Length;
            }
        }

        return prefix.Then(body).Then(Phrase.Span(from, end));
    }

    /// <summary>The noun a figure describes (总投资120亿元的…项目): 的 right after it and a name of its own to the clause end.</summary>
    private Phrase? AttributedNoun(NumberToken t, int clauseEnd)
    {
        var at = t.QuoteEnd;
        if (at >= clauseEnd || text[at] != '的' || clauseEnd - at - 1 < Vocabulary.AttributedNounLength)
        {
            return null;
        }

        for (var i = at + 1; i < clauseEnd; i++)
        {
            if (!(IsCjk(text[i]) || text[i] is '“' or '”'))
            {
                return null;
            }
        }

        return Phrase.Span(at + 1, clauseEnd);
    }

    /// <summary>A rate after 按 and a growth verb after the figures (按3%、7%稳步提标): where 按 stands, and the verb.</summary>
    private (int At, string Verb)? GrowthAfter(int leadStart, int leadEnd, int runEnd, int clauseEnd)
    {
        var end = leadEnd;
        while (end > leadStart && text[end - 1] == ' ')
        {
            end--;
        }

        if (!EndsWith(leadStart, end, Vocabulary.RateMarker))
        {
            return null;
        }

        foreach (var v in Vocabulary.GrowthVerbs.Concat(Vocabulary.RaiseVerbs))
        {
            if (text.IndexOf(v, runEnd, clauseEnd - runEnd, StringComparison.Ordinal) >= 0)
            {
                return (end - Vocabulary.RateMarker.Length, v);
            }
        }

        return null;
    }

    /// <summary>
    /// The examples of a name (A、B等C): from after the verb before them to after 等, when a name of two characters or
    /// more follows and the 等 is not part of a word (高等, 中等).
    /// </summary>
    private (int From, int To)? Examples(int start, int end)
    {
        var at = end - start > 3 ? text.IndexOf('等', start + 1, end - start - 1) : -1;
        if (at < 0 || end - at - 1 < 2 || Vocabulary.NotEtcetera.Any(w => text.AsSpan(at - 1, Math.Min(end, at + 2) - at + 1).Contains(w.AsSpan(), StringComparison.Ordinal)))
        {
            return null;
        }

        // The examples start after the last verb of the first one (更新改造燃气、供排水等老化管道: 燃气, 供排水).
        var sep = text.IndexOf('、', start, at - start);
        var firstEnd = sep < 0 ? at : sep;
        var from = start;
        foreach (var v in Vocabulary.CountVerbs)
        {
            var found = firstEnd - start >= v.Length ? text.LastIndexOf(v, firstEnd - 1, firstEnd - start, StringComparison.Ordinal) : -1;
            if (found >= start && found + v.Length > from)
            {
                from = found + v.Length;
            }
        }

        return at > from && NamedExamples(from, at) ? (from, at + 1) : null;
    }

    /// <summary>
    /// Examples that are named instances (中俄文化大集, 智能电网、工程机械), every one of three characters or more; short
    /// kinds (供水、燃气、排水等管网; 国债) say what the head is made of and stay in the name.
    /// </summary>
    private bool NamedExamples(int start, int end) =>
        SplitItems(start, end).All(p => p.Pieces.Count == 1 && p.Pieces[0].Length >= Vocabulary.NamedExampleLength);

    /// <summary>文旅产业增加值达到GDP的4.5% → 文旅产业增加值占GDP, bound 达到.</summary>
    private Phrase ShareName(Phrase name, List<string> pre)
    {
        if (name.Pieces.Count == 0 || name.Pieces[^1].Literal is not null)
        {
            return name;
        }

        var last = name.Pieces[^1];
        foreach (var verb in new[] { "达到", "达", "相当于" })
        {
            var at = text.IndexOf(verb, last.Start, last.Length, StringComparison.Ordinal);
            if (at > last.Start)
            {
                pre.Add("达到");
                var head = new Phrase([.. name.Pieces.Take(name.Pieces.Count - 1)]);
                return head.Then(Phrase.Span(last.Start, at)).Then(Phrase.Literal("占")).Then(Phrase.Span(at + verb.Length, last.Start + last.Length));
            }
        }

        return name;
    }

    /// <summary>
    /// Items of a list name (A、B和C) for a run of as many figures. 高技术产业和战新产业实现产值 → 高技术产业产值,
    /// 战新产业产值: an attribute after an inner verb belongs to every item.
    /// </summary>
    private List<Phrase> SplitList(Phrase name, int count)
    {
        var spans = name.Pieces.Where(p => p.Literal is null).ToList();
        if (spans.Count == 0)
        {
            return [name];
        }

        var start = spans[0].Start;
        var end = spans[^1].Start + spans[^1].Length;
        var attribute = Phrase.Empty;
        var itemsEnd = end;
        foreach (var verb in new[] { "分别" }.Concat(Vocabulary.InnerLevelVerbs).Concat(["完成"]))
        {
            var at = text.IndexOf(verb, start, end - start, StringComparison.Ordinal);
            if (at > start)
            {
                itemsEnd = at;
                attribute = Phrase.Span(at + verb.Length, end);
                break;
            }
        }

        var items = SplitItems(start, itemsEnd);
        if (items.Count == 1 && count == 2 && UrbanRural(start, itemsEnd) is { } pair)
        {
            // 城乡居民人均可支配收入分别达6.6万元和3.2万元 → 城镇居民…, 农村居民…
            return pair.Select(p => p.Then(attribute)).ToList();
        }

        if (items.Count != count)
        {
            return [name];
        }

        if (attribute.IsEmpty && SectorItems(items) is { } sectors)
        {
            return sectors;
        }

        if (attribute.IsEmpty && SharedTail(items) is { } tail)
        {
            return items.Select((p, k) => k < count - 1 ? p.Then(tail) : p).ToList();
        }

        return items.Select(p => p.Then(attribute)).ToList();
    }

    /// <summary>城乡X with two figures is two items: the urban and the rural X (`Vocabulary.UrbanRural` gives the words).</summary>
    private List<Phrase>? UrbanRural(int start, int end)
    {
        if (!StartsWith(start, end, "城乡") || end - start < 4)
        {
            return null;
        }

        var rest = Phrase.Span(start + 2, end);
        var (_, urban, rural) = Vocabulary.UrbanRural.First(u => StartsWith(start + 2, end, u.Head));
        return [Phrase.Literal(urban).Then(rest), Phrase.Literal(rural).Then(rest)];
    }

    /// <summary>
    /// The tail that short items share with the last, longer one. Items of one kind that end alike share what follows
    /// that ending (制造业、战略性新兴产业贷款 → 贷款; 工业、农业、服务业投资 → 投资); else short items of one length
    /// share what follows as many characters (交通、水利、能源、市政领域投资 → 领域投资).
    /// </summary>
    private Phrase? SharedTail(List<Phrase> items)
    {
        if (items.Any(p => p.Pieces.Count != 1))
        {
            return null;
        }

        var count = items.Count;
        var lengths = items.Select(p => p.Pieces[0].Length).ToList();
        var last = items[^1].Pieces[0];
        var lastEnd = last.Start + last.Length;
        var heads = items.Take(count - 1).ToList();
        if (heads.All(p => p.Pieces[0].Length is >= 2 and <= 4))
        {
            var ending = text[heads[0].Pieces[0].Start + heads[0].Pieces[0].Length - 1];
            var at = text.LastIndexOf(ending, lastEnd - 1, last.Length);
            if (heads.All(p => text[p.Pieces[0].Start + p.Pieces[0].Length - 1] == ending) && at > last.Start && lastEnd - at - 1 >= 2)
            {
                return Phrase.Span(at + 1, lastEnd);
            }
        }

        var first = lengths[0];
        if (first is >= 1 and <= 3 && lengths.Take(count - 1).All(l => l == first) && lengths[^1] > first + 1)
        {
            return Phrase.Span(last.Start + first, lastEnd);
        }

        return null;
    }

    /// <summary>
    /// 一、二、三产业增加值 is short for 第一、第二、第三产业增加值: every ordinal takes 第 and the last item's tail.
    /// </summary>
    private List<Phrase>? SectorItems(List<Phrase> items)
    {
        if (items.Any(p => p.Pieces.Count != 1))
        {
            return null;
        }

        var spans = items.Select(p => p.Pieces[0]).ToList();
        int OrdinalAt(Piece p) => p.Length > 0 && text[p.Start] == '第' ? p.Start + 1 : p.Start;
        bool IsOrdinal(int at) => Vocabulary.SectorOrdinals.Contains(text[at]);
        var last = spans[^1];
        var lastEnd = last.Start + last.Length;
        var lastOrdinal = OrdinalAt(last);
        if (lastOrdinal >= lastEnd || !IsOrdinal(lastOrdinal) || !StartsWith(lastOrdinal + 1, lastEnd, Vocabulary.SectorHead)
            || !spans.Take(spans.Count - 1).All(p => p.Length is 1 or 2 && OrdinalAt(p) == p.Start + p.Length - 1 && IsOrdinal(p.Start + p.Length - 1)))
        {
            return null;
        }

        var tail = Phrase.Span(lastOrdinal + 1, lastEnd);
        return spans.Select(p => Phrase.Literal("第").Then(Phrase.Span(OrdinalAt(p), OrdinalAt(p) + 1)).Then(tail)).ToList();
    }

    /// <summary>The items of a list (A、B和C) between start and end; a separator inside “…” does not split.</summary>
    private List<Phrase> SplitItems(int start, int end)
    {
        var items = new List<Phrase>();
        var itemStart = start;
        var inQuote = false;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            inQuote = c == '“' || (c != '”' && inQuote);
            if (!inQuote && c is '、' or '和' or '及' or '与')
            {
                items.Add(Phrase.Span(itemStart, i));
                itemStart = i + 1;
            }
        }

        items.Add(Phrase.Span(itemStart, end));
        return items;
    }

    /// <summary>The items of a name that is a plain list (新增职业技术大学、高等职业学校), or null when an item is empty.</summary>
    private List<Phrase>? ListItems(Phrase name)
    {
        var spans = name.Pieces.Where(p => p.Literal is null).ToList();
        if (spans.Count != 1)
        {
            return null;
        }

        var items = SplitItems(spans[0].Start, spans[0].Start + spans[0].Length);
        return items.Any(p => p.IsEmpty) ? null : items;
    }

    /// <summary>A clause that is only a stance (初步预计, 预计): the stance, else null.</summary>
    private string? StanceClause(int start, int end)
    {
        start = SkipWords(start, end, Vocabulary.StanceLeads);
        while (end > start && text[end - 1] == ' ')
        {
            end--;
        }

        return Vocabulary.StanceQualifiers.FirstOrDefault(w => end - start == w.Length && StartsWith(start, end, w));
    }

    private Phrase? CarriedVerb(Phrase phrase)
    {
        var spans = phrase.Pieces.Where(p => p.Literal is null && !(p.Length == 2 && StartsWith(p.Start, p.Start + 2, "其中"))).ToList();
        if (spans.Count == 0)
        {
            return null;
        }

        var first = spans[0];
        var s = first.Start;
        var e = first.Start + first.Length;
        if (StartsWith(s, e, "其中"))
        {
            s += 2;
        }

        foreach (var v in Vocabulary.CarriedVerbs)
        {
            if (StartsWith(s, e, v))
            {
                return Phrase.Span(s, s + v.Length);
            }
        }

        return null;
    }

    private Phrase WithoutCarriedVerb(Phrase phrase)
    {
        if (CarriedVerb(phrase) is { } verb)
        {
            var v = verb.Pieces[0];
            var pieces = phrase.Pieces.ToList();
            var first = pieces.FindIndex(p => p.Literal is null);
            var p0 = pieces[first];
            var cut = v.Start + v.Length - p0.Start;
            pieces[first] = new Piece(p0.Start + cut, p0.Length - cut, null);
            return new Phrase(pieces);
        }

        return phrase;
    }

    /// <summary>力争/预计 qualify the commitment after them; the metric starts after the stance word.</summary>
    private (int Start, string? Stance) CutAtStance(int start, int end)
    {
        string? stance = null;
        foreach (var s in Vocabulary.StanceQualifiers)
        {
            var at = end > start ? text.LastIndexOf(s, end - 1, end - start, StringComparison.Ordinal) : -1;
            if (at >= start && at + s.Length > start)
            {
                stance = s;
                var rest = at + s.Length;
                var onlyVerb = TrimTrailing(rest, end, out _) == rest || EndingGrowthVerb(rest, end)?.Start == rest;
                if (!(onlyVerb && SkipWords(start, at, Vocabulary.LeadingNoise) < at))
                {
                    start = rest;
                }

                // else 单位地区生产总值能耗预计下降3.2%: the stance stands between the name and its verb; the name stays
                // (预计 is trailing noise of it).
            }
        }

        return (start, stance);
    }

    /// <summary>A growth verb ending the lead (分别增长, 同比下降, 增速为), skipping 了.</summary>
    private (int Start, string Word)? EndingGrowthVerb(int start, int end)
    {
        while (end > start && (text[end - 1] is ' ' or '了'))
        {
            end--;
        }

        // 增长超10% / 减少近20%: a bound between the verb and the figure.
        foreach (var q in Vocabulary.PreQualifiers)
        {
            if (q is not ("达到" or "达") && EndsWith(start, end, q))
            {
                end -= q.Length;
                break;
            }
        }

        foreach (var v in Vocabulary.GrowthVerbs)
        {
            if (EndsWith(start, end, v))
            {
                return (end - v.Length, v);
            }
        }

        return null;
    }

    /// <summary>
    /// A garbled byte run (the seed's `?;I措` for 筹措) leaves ASCII junk and the tail of a verb at the start of
    /// the next clause; both are dropped so the metric starts at its noun.
    /// </summary>
    private int RepairGarble(int clauseStart, int start, int end)
    {
        var before = clauseStart - 1;
        while (before > 0 && before > clauseStart - 4 && text[before] is ';' or ' ')
        {
            before--;
        }

        if (before < 0 || text[before] is not ('?' or '\uFFFD'))
        {
            return start;
        }

        var junk = start;
        while (junk < end && (char.IsAsciiLetter(text[junk]) || text[junk] is '?' or ';'))
        {
            junk++;
        }

        if (junk == start || junk - start > 3)
        {
            // No mangled bytes left over (or a real Latin word such as R&D, GDP): the clause is intact.
            return start;
        }

        foreach (var verb in Vocabulary.GarbleRepairVerbs)
        {
            var tail = verb[1..];
            if (StartsWith(junk, end, tail))
            {
                return junk + tail.Length;
            }
        }

        return start;
    }

    private int TrimTrailing(int start, int end, out List<string> removed)
    {
        removed = [];
        var changed = true;
        while (changed && end > start)
        {
            changed = false;
            while (end > start && text[end - 1] is ' ' or '、' or ',')
            {
                end--;
            }

            foreach (var w in Vocabulary.TrailingNoise)
            {
                if (end - w.Length >= start && EndsWith(start, end, w))
                {
                    end -= w.Length;
                    removed.Add(w);
                    changed = true;
                    break;
                }
            }
        }

        return end;
    }

    private int SkipWords(int start, int end, IReadOnlyList<string> words)
    {
        var changed = true;
        while (changed && start < end)
        {
            changed = false;
            while (start < end && text[start] is ' ')
            {
                start++;
            }

            if (Vocabulary.NoiseLookalikes.Any(w => StartsWith(start, end, w)))
            {
                break;
            }

            foreach (var w in words)
            {
                if (StartsWith(start, end, w) && start + w.Length <= end)
                {
                    start += w.Length;
                    changed = true;
                    break;
                }
            }
        }

        return start;
    }

    private int SkipSeparators(int start, int end)
    {
        while (start < end && text[start] is '、' or '和' or '及' or '与' or ' ' or ')' or '”')
        {
            start++;
        }

        return start;
    }

    private bool StartsWith(int start, int end, string word) =>
        end - start >= word.Length && string.CompareOrdinal(text, start, word, 0, word.Length) == 0;

    private bool EndsWith(int start, int end, string word) =>
        end - start >= word.Length && string.CompareOrdinal(text, end - word.Length, word, 0, word.Length) == 0;

    private bool StartsWithAny(int start, int end, IEnumerable<string> words) => words.Any(w => StartsWith(start, end, w));

    private static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff';
}
