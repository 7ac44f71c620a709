namespace Meridian.Perf.MSTest.Fixture;

/// <summary>
/// 50 [ZeroAllocTestMethod] tests beside 20 allocation-heavy ones, all in MSTest's method-level parallel mode: no
/// verdict may change. Separate methods (not data rows), so that MSTest schedules each on its own.
/// </summary>
[TestClass]
public sealed class ParallelNoiseTests
{
    private static object? s_sink;
    private int _value;

    [ZeroAllocTestMethod]
    public void ZeroAlloc00() => _value += 0;

    [ZeroAllocTestMethod]
    public void ZeroAlloc01() => _value += 1;

    [ZeroAllocTestMethod]
    public void ZeroAlloc02() => _value += 2;

    [ZeroAllocTestMethod]
    public void ZeroAlloc03() => _value += 3;

    [ZeroAllocTestMethod]
    public void ZeroAlloc04() => _value += 4;

    [ZeroAllocTestMethod]
    public void ZeroAlloc05() => _value += 5;

    [ZeroAllocTestMethod]
    public void ZeroAlloc06() => _value += 6;

    [ZeroAllocTestMethod]
    public void ZeroAlloc07() => _value += 7;

    [ZeroAllocTestMethod]
    public void ZeroAlloc08() => _value += 8;

    [ZeroAllocTestMethod]
    public void ZeroAlloc09() => _value += 9;

    [ZeroAllocTestMethod]
    public void ZeroAlloc10() => _value += 10;

    [ZeroAllocTestMethod]
    public void ZeroAlloc11() => _value += 11;

    [ZeroAllocTestMethod]
    public void ZeroAlloc12() => _value += 12;

    [ZeroAllocTestMethod]
    public void ZeroAlloc13() => _value += 13;

    [ZeroAllocTestMethod]
    public void ZeroAlloc14() => _value += 14;

    [ZeroAllocTestMethod]
    public void ZeroAlloc15() => _value += 15;

    [ZeroAllocTestMethod]
    public void ZeroAlloc16() => _value += 16;

    [ZeroAllocTestMethod]
    public void ZeroAlloc17() => _value += 17;

    [ZeroAllocTestMethod]
    public void ZeroAlloc18() => _value += 18;

    [ZeroAllocTestMethod]
    public void ZeroAlloc19() => _value += 19;

    [ZeroAllocTestMethod]
    public void ZeroAlloc20() => _value += 20;

    [ZeroAllocTestMethod]
    public void ZeroAlloc21() => _value += 21;

    [ZeroAllocTestMethod]
    public void ZeroAlloc22() => _value += 22;

    [ZeroAllocTestMethod]
    public void ZeroAlloc23() => _value += 23;

    [ZeroAllocTestMethod]
    public void ZeroAlloc24() => _value += 24;

    [ZeroAllocTestMethod]
    public void ZeroAlloc25() => _value += 25;

    [ZeroAllocTestMethod]
    public void ZeroAlloc26() => _value += 26;

    [ZeroAllocTestMethod]
    public void ZeroAlloc27() => _value += 27;

    [ZeroAllocTestMethod]
    public void ZeroAlloc28() => _value += 28;

    [ZeroAllocTestMethod]
    public void ZeroAlloc29() => _value += 29;

    [ZeroAllocTestMethod]
    public void ZeroAlloc30() => _value += 30;

    [ZeroAllocTestMethod]
    public void ZeroAlloc31() => _value += 31;

    [ZeroAllocTestMethod]
    public void ZeroAlloc32() => _value += 32;

    [ZeroAllocTestMethod]
    public void ZeroAlloc33() => _value += 33;

    [ZeroAllocTestMethod]
    public void ZeroAlloc34() => _value += 34;

    [ZeroAllocTestMethod]
    public void ZeroAlloc35() => _value += 35;

    [ZeroAllocTestMethod]
    public void ZeroAlloc36() => _value += 36;

    [ZeroAllocTestMethod]
    public void ZeroAlloc37() => _value += 37;

    [ZeroAllocTestMethod]
    public void ZeroAlloc38() => _value += 38;

    [ZeroAllocTestMethod]
    public void ZeroAlloc39() => _value += 39;

    [ZeroAllocTestMethod]
    public void ZeroAlloc40() => _value += 40;

    [ZeroAllocTestMethod]
    public void ZeroAlloc41() => _value += 41;

    [ZeroAllocTestMethod]
    public void ZeroAlloc42() => _value += 42;

    [ZeroAllocTestMethod]
    public void ZeroAlloc43() => _value += 43;

    [ZeroAllocTestMethod]
    public void ZeroAlloc44() => _value += 44;

    [ZeroAllocTestMethod]
    public void ZeroAlloc45() => _value += 45;

    [ZeroAllocTestMethod]
    public void ZeroAlloc46() => _value += 46;

    [ZeroAllocTestMethod]
    public void ZeroAlloc47() => _value += 47;

    [ZeroAllocTestMethod]
    public void ZeroAlloc48() => _value += 48;

    [ZeroAllocTestMethod]
    public void ZeroAlloc49() => _value += 49;

    [TestMethod]
    public void AllocatesHeavily00() => Allocate(0);

    [TestMethod]
    public void AllocatesHeavily01() => Allocate(1);

    [TestMethod]
    public void AllocatesHeavily02() => Allocate(2);

    [TestMethod]
    public void AllocatesHeavily03() => Allocate(3);

    [TestMethod]
    public void AllocatesHeavily04() => Allocate(4);

    [TestMethod]
    public void AllocatesHeavily05() => Allocate(5);

    [TestMethod]
    public void AllocatesHeavily06() => Allocate(6);

    [TestMethod]
    public void AllocatesHeavily07() => Allocate(7);

    [TestMethod]
    public void AllocatesHeavily08() => Allocate(8);

    [TestMethod]
    public void AllocatesHeavily09() => Allocate(9);

    [TestMethod]
    public void AllocatesHeavily10() => Allocate(10);

    [TestMethod]
    public void AllocatesHeavily11() => Allocate(11);

    [TestMethod]
    public void AllocatesHeavily12() => Allocate(12);

    [TestMethod]
    public void AllocatesHeavily13() => Allocate(13);

    [TestMethod]
    public void AllocatesHeavily14() => Allocate(14);

    [TestMethod]
    public void AllocatesHeavily15() => Allocate(15);

    [TestMethod]
    public void AllocatesHeavily16() => Allocate(16);

    [TestMethod]
    public void AllocatesHeavily17() => Allocate(17);

    [TestMethod]
    public void AllocatesHeavily18() => Allocate(18);

    [TestMethod]
    public void AllocatesHeavily19() => Allocate(19);

    private static void Allocate(int seed)
    {
        var until = DateTime.UtcNow.AddMilliseconds(100);
        while (DateTime.UtcNow < until)
        {
            for (int i = 0; i < 1000; i++)
            {
                s_sink = new byte[(seed * 997 + i) % 4096];
            }
        }
    }
}
