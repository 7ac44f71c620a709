using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace ProfilingDemo;

/// <summary>A small workload with a few distinct costs: parsing text lines, validating them, aggregating and formatting.</summary>
internal sealed class OrderBook
{
    private readonly Dictionary<string, (long Quantity, double Notional)> _bySymbol = [];

    public static string[] GenerateLines(int count, int seed)
    {
        var random = new Random(seed);
        string[] symbols = ["MSFT", "AAPL", "NVDA", "AMZN", "GOOG", "META", "TSLA", "ORCL"];
        var lines = new string[count];
        for (var i = 0; i < count; i++)
        {
            lines[i] = string.Create(CultureInfo.InvariantCulture,
                $"{i},{symbols[random.Next(symbols.Length)]},{random.Next(1, 500)},{random.NextDouble() * 1000:0.0000},{(random.Next(2) == 0 ? "BUY" : "SELL")}");
        }

        return lines;
    }

    public void Load(string[] lines)
    {
        foreach (var line in lines)
        {
            var order = Parse(line);
            if (IsValid(order))
            {
                Add(order);
            }
        }
    }

    public string Report()
    {
        var text = new StringBuilder();
        foreach (var (symbol, totals) in _bySymbol.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(Format(symbol, totals.Quantity, totals.Notional)).Append('\n');
        }

        return text.ToString();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Order Parse(string line)
    {
        var fields = line.Split(',');
        return new Order(
            long.Parse(fields[0], CultureInfo.InvariantCulture),
            fields[1],
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            double.Parse(fields[3], CultureInfo.InvariantCulture),
            fields[4] == "BUY");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsValid(Order order)
    {
        // A deliberately expensive check, the hot spot of this workload: a checksum over the symbol, repeated.
        var checksum = 0u;
        for (var round = 0; round < 64; round++)
        {
            foreach (var c in order.Symbol)
            {
                checksum = (checksum * 31) + c + (uint)round;
            }
        }

        return order.Quantity > 0 && order.Price > 0 && checksum != 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Add(Order order)
    {
        var signed = order.IsBuy ? order.Quantity : -order.Quantity;
        ref var totals = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_bySymbol, order.Symbol, out _);
        totals = (totals.Quantity + signed, totals.Notional + (signed * order.Price));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Format(string symbol, long quantity, double notional) =>
        string.Create(CultureInfo.InvariantCulture, $"{symbol} qty={quantity} notional={notional:0.00}");

    private sealed record Order(long Id, string Symbol, int Quantity, double Price, bool IsBuy);
}
