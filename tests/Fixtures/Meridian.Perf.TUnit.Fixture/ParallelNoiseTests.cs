namespace Meridian.Perf.TUnit.Fixture;

/// <summary>
/// 50 [ZeroAlloc] tests beside 20 allocation-heavy ones; TUnit runs tests in parallel by default: no verdict may change.
/// </summary>
public sealed class ParallelNoiseTests
{
    private static object? s_sink;
    private int _value;

    [Test, ZeroAlloc]
    public void ZeroAlloc00() => _value += 0;

    [Test, ZeroAlloc]
    public void ZeroAlloc01() => _value += 1;

    [Test, ZeroAlloc]
    public void ZeroAlloc02() => _value += 2;

    [Test, ZeroAlloc]
    public void ZeroAlloc03() => _value += 3;

    [Test, ZeroAlloc]
    public void ZeroAlloc04() => _value += 4;

    [Test, ZeroAlloc]
    public void ZeroAlloc05() => _value += 5;

    [Test, ZeroAlloc]
    public void ZeroAlloc06() => _value += 6;

    [Test, ZeroAlloc]
    public void ZeroAlloc07() => _value += 7;

    [Test, ZeroAlloc]
    public void ZeroAlloc08() => _value += 8;

    [Test, ZeroAlloc]
    public void ZeroAlloc09() => _value += 9;

    [Test, ZeroAlloc]
    public void ZeroAlloc10() => _value += 10;

    [Test, ZeroAlloc]
    public void ZeroAlloc11() => _value += 11;

    [Test, ZeroAlloc]
    public void ZeroAlloc12() => _value += 12;

    [Test, ZeroAlloc]
    public void ZeroAlloc13() => _value += 13;

    [Test, ZeroAlloc]
    public void ZeroAlloc14() => _value += 14;

    [Test, ZeroAlloc]
    public void ZeroAlloc15() => _value += 15;

    [Test, ZeroAlloc]
    public void ZeroAlloc16() => _value += 16;

    [Test, ZeroAlloc]
    public void ZeroAlloc17() => _value += 17;

    [Test, ZeroAlloc]
    public void ZeroAlloc18() => _value += 18;

    [Test, ZeroAlloc]
    public void ZeroAlloc19() => _value += 19;

    [Test, ZeroAlloc]
    public void ZeroAlloc20() => _value += 20;

    [Test, ZeroAlloc]
    public void ZeroAlloc21() => _value += 21;

    [Test, ZeroAlloc]
    public void ZeroAlloc22() => _value += 22;

    [Test, ZeroAlloc]
    public void ZeroAlloc23() => _value += 23;

    [Test, ZeroAlloc]
    public void ZeroAlloc24() => _value += 24;

    [Test, ZeroAlloc]
    public void ZeroAlloc25() => _value += 25;

    [Test, ZeroAlloc]
    public void ZeroAlloc26() => _value += 26;

    [Test, ZeroAlloc]
    public void ZeroAlloc27() => _value += 27;

    [Test, ZeroAlloc]
    public void ZeroAlloc28() => _value += 28;

    [Test, ZeroAlloc]
    public void ZeroAlloc29() => _value += 29;

    [Test, ZeroAlloc]
    public void ZeroAlloc30() => _value += 30;

    [Test, ZeroAlloc]
    public void ZeroAlloc31() => _value += 31;

    [Test, ZeroAlloc]
    public void ZeroAlloc32() => _value += 32;

    [Test, ZeroAlloc]
    public void ZeroAlloc33() => _value += 33;

    [Test, ZeroAlloc]
    public void ZeroAlloc34() => _value += 34;

    [Test, ZeroAlloc]
    public void ZeroAlloc35() => _value += 35;

    [Test, ZeroAlloc]
    public void ZeroAlloc36() => _value += 36;

    [Test, ZeroAlloc]
    public void ZeroAlloc37() => _value += 37;

    [Test, ZeroAlloc]
    public void ZeroAlloc38() => _value += 38;

    [Test, ZeroAlloc]
    public void ZeroAlloc39() => _value += 39;

    [Test, ZeroAlloc]
    public void ZeroAlloc40() => _value += 40;

    [Test, ZeroAlloc]
    public void ZeroAlloc41() => _value += 41;

    [Test, ZeroAlloc]
    public void ZeroAlloc42() => _value += 42;

    [Test, ZeroAlloc]
    public void ZeroAlloc43() => _value += 43;

    [Test, ZeroAlloc]
    public void ZeroAlloc44() => _value += 44;

    [Test, ZeroAlloc]
    public void ZeroAlloc45() => _value += 45;

    [Test, ZeroAlloc]
    public void ZeroAlloc46() => _value += 46;

    [Test, ZeroAlloc]
    public void ZeroAlloc47() => _value += 47;

    [Test, ZeroAlloc]
    public void ZeroAlloc48() => _value += 48;

    [Test, ZeroAlloc]
    public void ZeroAlloc49() => _value += 49;

    [Test]
    public void AllocatesHeavily00() => Allocate(0);

    [Test]
    public void AllocatesHeavily01() => Allocate(1);

    [Test]
    public void AllocatesHeavily02() => Allocate(2);

    [Test]
    public void AllocatesHeavily03() => Allocate(3);

    [Test]
    public void AllocatesHeavily04() => Allocate(4);

    [Test]
    public void AllocatesHeavily05() => Allocate(5);

    [Test]
    public void AllocatesHeavily06() => Allocate(6);

    [Test]
    public void AllocatesHeavily07() => Allocate(7);

    [Test]
    public void AllocatesHeavily08() => Allocate(8);

    [Test]
    public void AllocatesHeavily09() => Allocate(9);

    [Test]
    public void AllocatesHeavily10() => Allocate(10);

    [Test]
    public void AllocatesHeavily11() => Allocate(11);

    [Test]
    public void AllocatesHeavily12() => Allocate(12);

    [Test]
    public void AllocatesHeavily13() => Allocate(13);

    [Test]
    public void AllocatesHeavily14() => Allocate(14);

    [Test]
    public void AllocatesHeavily15() => Allocate(15);

    [Test]
    public void AllocatesHeavily16() => Allocate(16);

    [Test]
    public void AllocatesHeavily17() => Allocate(17);

    [Test]
    public void AllocatesHeavily18() => Allocate(18);

    [Test]
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
