using System.Diagnostics;
using System.Globalization;

namespace Conformance.Fixtures.Results;

/// <summary>The run this test process belongs to, which decides whether its claims join the results file or start
/// it afresh (see <see cref="ResultsStore"/>).</summary>
public static class RunId
{
    public static string Current { get; } = Detect(RunContract.Value(RunContract.RunId), Environment.ProcessId, Ancestry.Of);

    /// <summary>A runner's own id when it sets one (`conformance run`, the payloads, Wine). Otherwise the
    /// `dotnet test` invocation: it starts a vstest.console per test project (some through MSBuild nodes), each
    /// starting a test host, so the run is the nearest ancestor whose command is `dotnet test`, taken with its
    /// start time against a reused id. Where the ancestry cannot be read (Windows), this process alone.</summary>
    public static string Detect(string? declared, int self, Func<int, Ancestry.Process?> lookup)
    {
        if (declared is { Length: > 0 })
        {
            return declared;
        }

        var pid = self;
        for (var depth = 0; depth < 16 && lookup(pid) is { } process; depth++, pid = process.Parent)
        {
            if (process.Args is [_, "test", ..])
            {
                return $"dotnet-test-{pid}-{process.Started}";
            }
        }

        return $"process-{self}-{lookup(self)?.Started ?? "?"}";
    }
}

/// <summary>A process's parent and command line, as the OS shows them: /proc on Linux, ps(1) on macOS and FreeBSD.</summary>
public static class Ancestry
{
    public sealed record Process(int Parent, IReadOnlyList<string> Args, string Started);

    public static Process? Of(int pid)
    {
        try
        {
            return OperatingSystem.IsLinux() ? FromProc(pid)
                : OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? FromPs(pid)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null; // gone, or not ours to read: the walk ends here
        }
    }

    private static Process? FromProc(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) ": state, ppid, ... starttime is field 22
        var args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        return new Process(int.Parse(fields[1], CultureInfo.InvariantCulture), args, fields[19]);
    }

    private static Process? FromPs(int pid)
    {
        var result = ExternalProgram.Run("ps", ["-o", "ppid=", "-o", "lstart=", "-o", "args=", "-p", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5));
        var line = result.Exit == 0 ? result.Output.Trim() : "";
        if (line.Length == 0)
        {
            return null;
        }

        // "  123 Wed Nov 25 10:00:00 2026 dotnet test ...": the parent, a five-word start time, the command line.
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length < 7 ? null : new Process(int.Parse(words[0], CultureInfo.InvariantCulture), words[6..], string.Join('-', words[1..6]));
    }
}
