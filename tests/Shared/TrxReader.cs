using System.Globalization;
using System.Xml.Linq;

namespace Meridian.Perf.Testing.Fixtures;

/// <summary>Reads the per-test results of a Visual Studio TRX file (the format <c>dotnet test --logger trx</c> writes).</summary>
internal static class TrxReader
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static IReadOnlyList<TrxResult> Read(string path)
    {
        var document = XDocument.Load(path);
        var results = new List<TrxResult>();
        foreach (var result in document.Descendants(Trx + "UnitTestResult"))
        {
            var output = result.Element(Trx + "Output");
            var error = output?.Element(Trx + "ErrorInfo");
            results.Add(new TrxResult(
                (string)result.Attribute("testName")!,
                (string)result.Attribute("outcome")!,
                TimeSpan.Parse((string?)result.Attribute("duration") ?? "0:0:0", CultureInfo.InvariantCulture),
                error?.Element(Trx + "Message")?.Value,
                error?.Element(Trx + "StackTrace")?.Value,
                output?.Element(Trx + "StdOut")?.Value));
        }

        return results;
    }
}
