using System.Net.Sockets;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native.Tables;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Tests.Claims;

/// <summary>The .NET layer as data: which claims it observes, why the others cannot be asked, how a SocketError
/// is named, and how the matrix lays the layer out.</summary>
public sealed class DotnetLayerTests
{
    private static Catalogue Catalogue => Catalogue.Default;

    /// <summary>Every claim has a cell at every layer: its scenario runs there, or the catalogue says which API cannot
    /// ask it; never both.</summary>
    [Test]
    public void AClaimRunsAtEachLayerOrSaysWhichApiIsMissingNeverBoth() => Assert.Multiple(() =>
    {
        foreach (var layer in Layers.All)
        {
            Assert.That(Catalogue.Claims.Where(c => c.RunsAt(layer.Key) && c.InexpressibleIn(layer.Key) is not null).Select(c => c.Id), Is.Empty,
                $"claims that run at {layer.Name} and also say {layer.Api} cannot ask them");
        }

        foreach (var layer in Layers.All)
        {
            Assert.That(Catalogue.Claims.Where(c => !c.RunsAt(layer.Key) && c.InexpressibleIn(layer.Key) is null).Select(c => c.Id), Is.Empty,
                $"claims that neither run at {layer.Name} nor say what {layer.Api} lacks");
        }
    });

    [Test]
    public void TheAsyncLayerRunsAtLeast40Claims() =>
        Assert.That(Catalogue.Claims.Count(c => c.RunsAt(Layers.DotnetAsync.Key)), Is.GreaterThanOrEqualTo(40));

    [Test]
    public void EveryInexpressibleApiAndEveryLayerNameIsOneTheSuiteKnows() => Assert.Multiple(() =>
    {
        Assert.That(Catalogue.Claims.SelectMany(c => c.Inexpressible?.Keys.ToList() ?? []).Distinct(), Is.SubsetOf(Layers.All.Select(l => l.Api).Concat(Layers.All.Select(l => l.Name))));
        Assert.That(Catalogue.Claims.SelectMany(c => c.RunsIn ?? []).Distinct(), Is.SubsetOf(Layers.All.Select(l => l.Name)));
        Assert.That(Catalogue.Claims.Where(c => c.RunsIn is { } runs && !runs.Contains(Layers.Raw.Name)).Select(c => c.Id), Is.Empty,
            "every claim runs at the raw layer: it is what the FAQ speaks of");
    });

    [Test]
    public void AtLeast45OfTheFaqsClaimsHaveADotnetScenario() =>
        Assert.That(Catalogue.Claims.Count(c => c.BeyondFaq is null && c.RunsAt(Layers.Dotnet.Key)), Is.GreaterThanOrEqualTo(45));

    /// <summary>SocketError's values are Winsock's error codes, so each POSIX name the mapping gives must be the
    /// name Winsock's own table gives that number (WSAECONNRESET 10054 is ECONNRESET).</summary>
    [Test]
    public void EverySocketErrorHasThePosixNameOfItsWinsockCode()
    {
        var wrong = SocketErrors.Mapped
            .Select(m => (Error: m.Key, Posix: m.Value, Winsock: WindowsTables.Errno.FromNative((int)m.Key).Name))
            .Where(m => m.Posix != m.Winsock)
            .Select(m => $"{m.Error} ({(int)m.Error}) is {m.Winsock} in Winsock, mapped to {m.Posix}");
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void TheSocketErrorNameIsKeptAsTheNativeValue() => Assert.Multiple(() =>
    {
        var reset = SocketErrors.ToErrno(SocketError.ConnectionReset);
        Assert.That((reset.Name, reset.NativeName), Is.EqualTo(("ECONNRESET", "SocketError.ConnectionReset")));
        var unmapped = SocketErrors.ToErrno(SocketError.HostNotFound);
        Assert.That(unmapped.Name, Is.EqualTo("SocketError.HostNotFound"), "a SocketError with no POSIX counterpart keeps its own name");
    });

    [Test]
    public void ResultKeysAddTheLayerAfterTheRow() => Assert.Multiple(() =>
    {
        Assert.That(ClaimRows.Key("tcp.oob", "ipv6", "dotnet"), Is.EqualTo("tcp.oob/ipv6@dotnet"));
        Assert.That(ClaimRows.Key("tcp.oob", null, null), Is.EqualTo("tcp.oob"));
        Assert.That(ClaimRows.Expected(Catalogue), Does.Contain("tcp.read-zero-after-fin@dotnet").And.Contain("tcp.getservbyname@dotnet")
            .And.Contain("tcp.eintr/ipv6@dotnet"), "a scenario's cell and an unsupported claim's cell, per family");
    });

    [Test]
    public void AFileWithDotnetResultsBecomesTwoAdjacentColumns()
    {
        ClaimResult Result(string? layer) => new() { Id = "tcp.oob", Faq = "2.23", Layer = layer, Verdict = Verdict.Holds, Observed = [] };
        var platform = new PlatformInfo { Id = "linux-x-1-x64", Os = "linux", OsVersion = "6.1", Runtime = ".NET", Arch = "x64", User = "u" };
        var file = new ResultsFile { Platform = platform, Column = ColumnInfo.Of(ColumnKinds.Native, "x 1"), StartedAt = DateTime.UnixEpoch, Claims = [Result(null), Result("dotnet")] };
        var columns = LayerColumns.Split(file).ToList();
        Assert.That(columns.Select(c => c.Platform.Id), Is.EqualTo(new[] { "linux-x-1-x64", "linux-x-1-x64@dotnet" }));
        Assert.That(columns.SelectMany(c => c.Claims).Select(c => c.Row), Is.All.EqualTo("tcp.oob"), "cells sit on the row, the layer is the column");
        Assert.That(columns.Select(c => c.ColumnOf.Label), Is.EqualTo(new[] { "x 1", "x 1 .NET" }));
    }
}
