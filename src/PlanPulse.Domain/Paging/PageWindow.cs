namespace PlanPulse.Domain.Paging;

/// <summary>
/// Which slice of a list a page shows. A page asked for past the end shows the last page (the pages already did;
/// the API answered page 2147483647 with the first page, because (page − 1) × size overflowed), a page below 1 the
/// first, and the size is kept within 1…<paramref name="maxSize"/>.
/// </summary>
public readonly record struct PageWindow(int Page, int Size, int Skip, int PageCount)
{
    public static PageWindow Of(int page, int size, int total, int maxSize = 500)
    {
        size = Math.Clamp(size, 1, Math.Max(1, maxSize));
        var count = Math.Max(1, (int)((Math.Max(0L, total) + size - 1) / size));
        page = Math.Clamp(page, 1, count);
        return new PageWindow(page, size, (page - 1) * size, count);
    }
}
