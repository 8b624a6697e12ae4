namespace PlanPulse.Domain.Portfolio;

/// <summary>How many projects have each colour.</summary>
public sealed record ColourCounts(int Blue, int Green, int Yellow, int Red, int Grey)
{
    public static readonly ColourCounts Zero = new(0, 0, 0, 0, 0);

    public int Total => Blue + Green + Yellow + Red + Grey;

    public int this[Colour c] => c switch
    {
        Colour.Blue => Blue,
        Colour.Green => Green,
        Colour.Yellow => Yellow,
        Colour.Red => Red,
        Colour.Grey => Grey,
        _ => 0,
    };

    public ColourCounts Add(Colour c) => c switch
    {
        Colour.Blue => this with { Blue = Blue + 1 },
        Colour.Green => this with { Green = Green + 1 },
        Colour.Yellow => this with { Yellow = Yellow + 1 },
        Colour.Red => this with { Red = Red + 1 },
        Colour.Grey => this with { Grey = Grey + 1 },
        _ => this,
    };

    public static ColourCounts Of(IEnumerable<Colour> colours)
    {
        int b = 0, g = 0, y = 0, r = 0, gr = 0;
        foreach (var c in colours)
        {
            switch (c)
            {
                case Colour.Blue: b++; break;
                case Colour.Green: g++; break;
                case Colour.Yellow: y++; break;
                case Colour.Red: r++; break;
                case Colour.Grey: gr++; break;
            }
        }

        return new ColourCounts(b, g, y, r, gr);
    }
}
