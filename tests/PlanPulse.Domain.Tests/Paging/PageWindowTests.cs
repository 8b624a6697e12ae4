using PlanPulse.Domain.Paging;

namespace PlanPulse.Domain.Tests.Paging;

public sealed class PageWindowTests
{
    [Theory]
    // page, size, total → page, size, skip, pages
    [InlineData(1, 50, 220, 1, 50, 0, 5)]
    [InlineData(5, 50, 220, 5, 50, 200, 5)]
    [InlineData(6, 50, 220, 5, 50, 200, 5)]                 // past the end: the last page
    [InlineData(int.MaxValue, 50, 220, 5, 50, 200, 5)]      // once overflowed to the first page
    [InlineData(int.MaxValue, int.MaxValue, 220, 1, 500, 0, 1)]
    [InlineData(0, 50, 220, 1, 50, 0, 5)]
    [InlineData(int.MinValue, 50, 220, 1, 50, 0, 5)]
    [InlineData(1, 0, 220, 1, 1, 0, 220)]                   // size below 1
    [InlineData(1, -5, 220, 1, 1, 0, 220)]
    [InlineData(3, 50, 0, 1, 50, 0, 1)]                     // nothing to show: one empty page
    [InlineData(2, 50, 100, 2, 50, 50, 2)]                  // exactly full pages
    [InlineData(int.MaxValue, 1, int.MaxValue, int.MaxValue, 1, int.MaxValue - 1, int.MaxValue)]
    public void Of(int page, int size, int total, int wantPage, int wantSize, int wantSkip, int wantPages)
    {
        var w = PageWindow.Of(page, size, total);
        Assert.Equal(new PageWindow(wantPage, wantSize, wantSkip, wantPages), w);
    }
}
