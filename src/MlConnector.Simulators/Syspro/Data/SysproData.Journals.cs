namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// General-ledger journals entered and posted, as in GL Journal Entry: a journal is saved balanced and unposted,
/// then posting sets its PostDate and PostedBy and marks its lines posted (docs/syspro.md, "GL journals").
/// </summary>
public sealed partial class SysproData
{
    /// <summary>A balanced journal in today's period, numbered next in that period, not yet posted.</summary>
    public GlJournal EnterJournal(string reference, string notation, IReadOnlyList<JournalLine> lines, string entryOperator)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count < 2 || lines.Any(l => l.Type is not ("D" or "C") || l.Amount <= 0)
            || lines.Where(l => l.Type == "D").Sum(l => l.Amount) != lines.Where(l => l.Type == "C").Sum(l => l.Amount))
        {
            throw new InvalidOperationException("A journal needs two or more lines (D or C, amounts above zero) whose debits equal its credits.");
        }

        lock (_changeLock)
        {
            var today = Today;
            var number = GenJournalCtl.Snapshot().Where(j => j.GlYear == today.Year && j.GlPeriod == today.Month)
                .Select(j => j.GlJournal).DefaultIfEmpty(0).Max() + 1;
            var (header, details) = SysproDataGenerator.Journal(today, number, reference, notation, lines, entryOperator, CompanyId);
            var stamped = header with { TimeStamp = NextRowVersion() };
            GenJournalCtl.Upsert(stamped);
            var stampedLines = details.Select(d => d with { TimeStamp = NextRowVersion() }).ToList();
            stampedLines.ForEach(GenJournalDetail.Upsert);
            return new GlJournal(stamped, stampedLines);
        }
    }

    /// <summary>Posts an unposted journal today: its lines first, the header (PostDate, PostedBy) last.</summary>
    public GlJournal PostJournal(int year, int period, int journal, string postedBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(postedBy);
        lock (_changeLock)
        {
            var header = GenJournalCtl.Find(SysproKeys.Composite(year, period, journal))
                ?? throw new KeyNotFoundException($"Journal {journal} of {year}/{period} does not exist.");
            if (header.PostDate is not null)
            {
                throw new InvalidOperationException($"Journal {journal} of {year}/{period} is already posted.");
            }

            var lines = LinesOf(header).Select(l => l with { EntryPosted = "Y", TimeStamp = NextRowVersion() }).ToList();
            lines.ForEach(GenJournalDetail.Upsert);
            var posted = SysproDataGenerator.Posted(header, Today, postedBy) with { TimeStamp = NextRowVersion() };
            GenJournalCtl.Upsert(posted);
            return new GlJournal(posted, lines);
        }
    }

    public GlJournal FindJournal(int year, int period, int journal)
    {
        var header = GenJournalCtl.Find(SysproKeys.Composite(year, period, journal))
            ?? throw new KeyNotFoundException($"Journal {journal} of {year}/{period} does not exist.");
        return new GlJournal(header, [.. LinesOf(header)]);
    }

    private IEnumerable<GenJournalDetail> LinesOf(GenJournalCtl header) =>
        GenJournalDetail.Snapshot().Where(d => d.GlYear == header.GlYear && d.GlPeriod == header.GlPeriod && d.Journal == header.GlJournal);
}

/// <summary>A journal header with its lines.</summary>
public sealed record GlJournal(GenJournalCtl Header, IReadOnlyList<GenJournalDetail> Lines);
