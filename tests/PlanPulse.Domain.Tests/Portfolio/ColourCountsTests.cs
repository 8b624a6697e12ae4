using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Domain.Tests.Portfolio;

public sealed class ColourCountsTests
{
    public static TheoryData<Colour[], int, int, int, int, int> OfCases => new()
    {
        // colours, blue, green, yellow, red, grey
        { [], 0, 0, 0, 0, 0 },
        { [Colour.Red], 0, 0, 0, 1, 0 },
        { [Colour.Blue, Colour.Green, Colour.Yellow, Colour.Red, Colour.Grey], 1, 1, 1, 1, 1 },
        { [Colour.Green, Colour.Green, Colour.Red, Colour.Green, Colour.Grey, Colour.Yellow, Colour.Red], 0, 3, 1, 2, 1 },
        { [Colour.Blue, Colour.Blue, Colour.Blue], 3, 0, 0, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(OfCases))]
    public void Of_Colours_CountsEachAndTotal(Colour[] colours, int blue, int green, int yellow, int red, int grey)
    {
        var counts = ColourCounts.Of(colours);

        Assert.Equal(new ColourCounts(blue, green, yellow, red, grey), counts);
        Assert.Equal(blue + green + yellow + red + grey, counts.Total);
        Assert.Equal(colours.Length, counts.Total);
    }

    [Theory]
    [InlineData(Colour.Blue, 1)]
    [InlineData(Colour.Green, 2)]
    [InlineData(Colour.Yellow, 3)]
    [InlineData(Colour.Red, 4)]
    [InlineData(Colour.Grey, 5)]
    [InlineData((Colour)99, 0)]
    public void Indexer_Colour_ReturnsItsCount(Colour colour, int expected)
    {
        var counts = new ColourCounts(1, 2, 3, 4, 5);

        Assert.Equal(expected, counts[colour]);
        Assert.Equal(15, counts.Total);
    }

    [Theory]
    [InlineData(Colour.Blue, 2, 2, 3, 4, 5)]
    [InlineData(Colour.Green, 1, 3, 3, 4, 5)]
    [InlineData(Colour.Yellow, 1, 2, 4, 4, 5)]
    [InlineData(Colour.Red, 1, 2, 3, 5, 5)]
    [InlineData(Colour.Grey, 1, 2, 3, 4, 6)]
    [InlineData((Colour)99, 1, 2, 3, 4, 5)]
    public void Add_Colour_IncrementsOnlyThatColour(Colour colour, int blue, int green, int yellow, int red, int grey)
    {
        var before = new ColourCounts(1, 2, 3, 4, 5);

        var after = before.Add(colour);

        Assert.Equal(new ColourCounts(blue, green, yellow, red, grey), after);
        Assert.Equal(new ColourCounts(1, 2, 3, 4, 5), before);
    }

    [Fact]
    public void Zero_Total_IsZeroAndEqualsEmptyOf()
    {
        Assert.Equal(0, ColourCounts.Zero.Total);
        Assert.Equal(ColourCounts.Zero, ColourCounts.Of([]));
    }

    [Fact]
    public void Add_Repeatedly_MatchesOf()
    {
        Colour[] colours = [Colour.Red, Colour.Green, Colour.Red, Colour.Grey];

        var added = colours.Aggregate(ColourCounts.Zero, (c, colour) => c.Add(colour));

        Assert.Equal(new ColourCounts(0, 1, 0, 2, 1), added);
        Assert.Equal(ColourCounts.Of(colours), added);
    }
}
