using Conformance.Harness.Runs;

namespace Conformance.Harness.Tests.Runs;

/// <summary>Claims side by side: every cell runs in exactly one test process, and each process, where this machine can
/// make network namespaces, has one of its own that starts with the caller's net.* settings, so a changed sysctl still
/// moves the cell.</summary>
public sealed class WorkersTests
{
    private static string Root => RepositoryRoot.Find()!;

    private static Workers.Split Split(int count) => Workers.Of(Catalogue.Default, ClaimProjects.Declared(Root), count);

    private static IReadOnlyList<Workers.Worker> Plan(int count) => Split(count).Isolated;

    [TestCase(2)]
    [TestCase(6)]
    [TestCase(8)]
    public void EveryCellRunsInExactlyOneProcessOfTheProjectThatHoldsIt(int count)
    {
        var plan = Plan(count);
        Assert.That(plan.SelectMany(w => w.Rows), Is.EquivalentTo(ClaimRows.Expected(Catalogue.Default)));
        var projectOf = ClaimRows.Cells(Catalogue.Default).ToDictionary(c => ClaimRows.Key(c.Row.Claim.Id, c.Row.Family, c.Layer),
            c => ClaimProjects.Declared(Root).Single(p => p.Holds(c.Row.Claim)).Assembly);
        Assert.That(plan.SelectMany(w => w.Rows.Where(r => projectOf[r] != w.Project.Assembly)), Is.Empty);
    }

    /// <summary>Where the claims share one loopback, the claims a neighbour could disturb run alone, after the others;
    /// every cell still runs exactly once.</summary>
    [TestCase(2)]
    [TestCase(10)]
    public void OnASharedLoopbackTheClaimsThatRunAloneHaveProcessesOfTheirOwn(int count)
    {
        var split = Split(count);
        var aloneRows = ClaimRows.Cells(Catalogue.Default).Where(c => c.Row.Claim.Alone is not null)
            .Select(c => ClaimRows.Key(c.Row.Claim.Id, c.Row.Family, c.Layer)).ToList();
        Assert.That(aloneRows, Does.Contain("udp.connected-icmp").And.Contain("tcp.privileged-port@dotnet"));
        Assert.That(split.Alone.SelectMany(w => w.Rows), Is.EquivalentTo(aloneRows));
        Assert.That(split.Shared.SelectMany(w => w.Rows).Concat(split.Alone.SelectMany(w => w.Rows)), Is.EquivalentTo(ClaimRows.Expected(Catalogue.Default)));
        Assert.That(split.Alone.Select(w => w.Project.Assembly), Is.Unique, "one process per project holds its claims that run alone");
    }

    /// <summary>The longest rows (the catalogue's waits) are spread first, so no process is left with two of them while
    /// another process of its project has none (a project's processes are the ones that can run its rows).</summary>
    [Test]
    public void TheLongWaitsGoToDifferentProcesses()
    {
        var plan = Plan(10);
        var longest = ClaimRows.Cells(Catalogue.Default).Where(c => c.Row.Claim.Waits?.Ms >= 2000 && c.Row.Claim.RunsAt(c.Layer))
            .Select(c => ClaimRows.Key(c.Row.Claim.Id, c.Row.Family, c.Layer)).ToList();
        Assert.That(longest, Does.Contain("opt.keepalive-dead-peer").And.Contain("tcp.backlog-overflow/ipv6"));
        foreach (var project in plan.GroupBy(w => w.Project.Assembly))
        {
            var counts = project.Select(w => w.Rows.Count(longest.Contains)).ToList();
            Assert.That(counts.Max() <= 1 || counts.Min() >= 1, Is.True,
                $"{project.Key}: a process has {counts.Max()} long rows while another has none ({string.Join(" / ", project.Select(w => string.Join(", ", w.Rows.Where(longest.Contains))))})");
        }

        Assert.That(plan, Has.Count.LessThanOrEqualTo(10));
    }

    [Test]
    public void APayloadRunsOneProcessPerClaimProject() =>
        Assert.That(Plan(Workers.InAPayload).Select(w => w.Project.Assembly), Is.EqualTo(ClaimProjects.Declared(Root).Select(p => p.Assembly)));

    /// <summary>The longest claim that runs over both families: its IPv4 and IPv6 runs at one layer go to different
    /// processes, so its wait is not paid twice in one. Which claim that is follows the catalogue.</summary>
    [Test]
    public void AClaimsIpv4AndIpv6RunsGoToDifferentProcesses()
    {
        var processOf = Plan(6).SelectMany((w, i) => w.Rows.Select(r => (Row: r, Process: i))).ToDictionary(p => p.Row, p => p.Process);
        var longest = Catalogue.Default.Claims.Where(c => c.Families?.Count == 2 && c.RunsAt(null)).MaxBy(c => c.Waits?.Ms ?? 0)!;
        Assert.That(longest.Waits, Is.Not.Null, "some claim over both families waits");
        Assert.That(processOf[longest.Id], Is.Not.EqualTo(processOf[$"{longest.Id}/ipv6"]), longest.Id);
    }

    [Test]
    public void TheFilterSelectsItsRowsByNameAmongTheClaims() =>
        Assert.That(new Workers.Worker(ClaimProjects.Declared(Root)[0], ["tcp.oob", "tcp.oob/ipv6"]).Filter("TestCategory=Slow"),
            Is.EqualTo("TestCategory=Claim&(Name=tcp.oob|Name=tcp.oob/ipv6)&(TestCategory=Slow)"));

    /// <summary>In a namespace whose tcp_keepalive_time is 1234 and whose port range is 40000-40100, the processes the
    /// script starts see both, each in a namespace other than the caller's.</summary>
    [Test]
    public void EachProcessHasANamespaceOfItsOwnWithTheCallersSettings()
    {
        RequireNamespaces();
        var script = Path.Combine(Path.GetTempPath(), $"conformance-workers-test-{Environment.ProcessId}.sh");
        File.WriteAllText(script, Workers.Script([
            ["sh", "-c", "echo keepalive=$(cat /proc/sys/net/ipv4/tcp_keepalive_time)"],
            ["sh", "-c", "echo range=$(cat /proc/sys/net/ipv4/ip_local_port_range | tr '\\t' ' ')"],
            ["sh", "-c", "echo ns=$(readlink /proc/self/ns/net)"],
        ]));
        try
        {
            var result = ExternalProgram.Run("unshare", ["--net", "sh", "-c",
                "ip link set lo up && echo 1234 > /proc/sys/net/ipv4/tcp_keepalive_time && echo '40000 40100' > /proc/sys/net/ipv4/ip_local_port_range"
                + " && echo outer=$(readlink /proc/self/ns/net) && sh \"$0\"", script], TimeSpan.FromSeconds(60));

            Assert.That(result.Exit, Is.EqualTo(0), result.Output);
            Assert.That(result.Output, Does.Contain("3 test processes, 3 at a time, each in a network namespace of its own"));
            Assert.That(result.Output, Does.Contain("keepalive=1234").And.Contain("range=40000 40100"));
            var outer = Line(result.Output, "outer=");
            Assert.That(Line(result.Output, "ns="), Is.Not.EqualTo(outer), "the process ran in a namespace of its own");
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>A guest runs no more processes at once than it has processors: with one at a time, the second starts
    /// only after the first has ended, though both are isolated.</summary>
    [Test]
    public void NoMoreProcessesRunAtOnceThanAllowed()
    {
        RequireNamespaces();
        var script = Path.Combine(Path.GetTempPath(), $"conformance-workers-limit-{Environment.ProcessId}.sh");
        File.WriteAllText(script, Workers.Script([["sh", "-c", "sleep 0.3; echo first-ended"], ["echo", "second-started"]], atOnce: "1"));
        try
        {
            var result = ExternalProgram.Run("sh", [script], TimeSpan.FromSeconds(60));
            Assert.That(result.Exit, Is.EqualTo(0), result.Output);
            Assert.That(result.Output, Does.Contain("2 test processes, 1 at a time"));
            Assert.That(result.Output.IndexOf("first-ended", StringComparison.Ordinal), Is.LessThan(result.Output.IndexOf("second-started", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>Without root (here: as nobody), no namespace can be made: the claims with no neighbour to fear still run
    /// side by side, and those that run alone after them, one after another, each named with its reason.</summary>
    [Test]
    public void WithoutANamespaceTheClaimsRunSideBySideButThoseThatRunAloneAfterwards()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !Can("setpriv", "--version"))
        {
            Assert.Ignore("needs root on Linux to run the script as another user (setpriv)");
        }

        var project = ClaimProjects.Declared(Root)[0];
        Workers.Worker W(string name) => new(project, [name]);
        var icmp = Catalogue.Default.Claims.Single(c => c.Id == "udp.connected-icmp");
        var split = new Workers.Split([W("isolated-1")], [W("shared-1"), W("shared-2")], [W("alone-1")], [icmp]);
        var script = Path.Combine(Path.GetTempPath(), $"conformance-workers-shared-{Environment.ProcessId}.sh");
        File.WriteAllText(script, Workers.Script(split, (w, _) => ["sh", "-c", $"echo ran {w.Rows[0]}; sleep 0.2; echo ended {w.Rows[0]}"]));
        try
        {
            var result = ExternalProgram.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "sh", script], TimeSpan.FromSeconds(60));
            Assert.That(result.Exit, Is.EqualTo(0), result.Output);
            Assert.That(result.Output, Does.Contain("2 test processes, 2 at a time, on one loopback (a network namespace needs root), "
                + "then 1 with the 1 claims that run alone (udp.connected-icmp), one after another"));
            Assert.That(result.Output, Does.Contain($"conformance: alone: udp.connected-icmp: {icmp.Alone}"));
            Assert.That(result.Output, Does.Not.Contain("isolated-1"));
            var aloneStarted = result.Output.IndexOf("ran alone-1", StringComparison.Ordinal);
            Assert.That(result.Output.IndexOf("ended shared-1", StringComparison.Ordinal), Is.InRange(0, aloneStarted));
            Assert.That(result.Output.IndexOf("ended shared-2", StringComparison.Ordinal), Is.InRange(0, aloneStarted));
            Assert.That(result.Output.IndexOf("ran shared-2", StringComparison.Ordinal), Is.LessThan(result.Output.IndexOf("ended shared-1", StringComparison.Ordinal)),
                "the two shared processes ran side by side");
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>A serial run runs the same processes, isolated the same way, one at a time: it differs from a concurrent
    /// run in nothing but concurrency.</summary>
    [Test]
    public void SerialRunsOneAtATimeAndSaysWhy()
    {
        var script = Path.Combine(Path.GetTempPath(), $"conformance-workers-serial-{Environment.ProcessId}.sh");
        File.WriteAllText(script, Workers.Script([["echo", "first"], ["sh", "-c", "exit 3"], ["sh", "-c", $"echo second: ${RunContract.RunMode}"]]));
        try
        {
            var result = ExternalProgram.Run("sh", [script], TimeSpan.FromSeconds(60), new Dictionary<string, string> { [RunContract.Serial] = "1" });
            Assert.That(result.Exit, Is.EqualTo(1), "a failing process fails the run, and the others still run");
            Assert.That(result.Output, Does.Contain($"3 test processes, 1 at a time ({RunContract.Serial} is set), "));
            Assert.That(result.Output.IndexOf("first", StringComparison.Ordinal), Is.LessThan(result.Output.IndexOf("second", StringComparison.Ordinal)));
            Assert.That(result.Output, Does.Contain($"second: 3 test processes, 1 at a time ({RunContract.Serial} is set), "),
                "each process is told how the run went, and writes it into its column's note");
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Line(string output, string prefix) =>
        output.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..].Trim();

    private static bool Can(string program, params string[] args)
    {
        try
        {
            return ExternalProgram.Run(program, args, TimeSpan.FromSeconds(10)).Exit == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }

    private static void RequireNamespaces()
    {
        if (!OperatingSystem.IsLinux() || !Can("unshare", "--net", "ip", "link", "set", "lo", "up"))
        {
            throw Prerequisite.Missing("no network namespace can be made here (Linux, root and CAP_SYS_ADMIN needed)", ".ci/run runs as root on Linux");
        }
    }
}
