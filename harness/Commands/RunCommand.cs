using System.CommandLine;
using Conformance.Harness.Cli;
using Conformance.Harness.Matrix;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance run</c>: every claim on this machine, into its results file.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var outDir = CommonOptions.Out("where the results file goes (default artifacts/results)");
        var lane = CommonOptions.Lane("the CI slot this run belongs to, which `conformance gate` compares with its baseline "
            + "(default host; the workflow passes the runner label, e.g. ubuntu-24.04)");
        var slow = new Option<bool>("--slow") { Description = "also observe the Slow claims (tcp.time-wait-duration waits up to 5 minutes); without it they are recorded as inconclusive" };
        var filter = new Option<string?>("--filter") { Description = "a dotnet test filter to run part of the suite, e.g. \"Name=tcp.oob\" or \"Name~tcp.oob\" (both families)", HelpName = "EXPR" };
        var noBuild = new Option<bool>("--no-build") { Description = "use the last build of a filtered run (a whole run on Linux or macOS runs the suite published for its sources, published once per content, and needs no build)" };
        var repeat = CommonOptions.Positive(new Option<int>("--repeat")
        {
            Description = "run the suite N times and report every observation that changed between runs (a flip: claim, key, the values seen) and each claim's median time; a flip fails",
            HelpName = "N",
            DefaultValueFactory = _ => 1,
        });
        var dotnet = new Option<string?>("--dotnet")
        {
            Description = "the .NET the claims run under: 10, the suite's own (the default), or 8 or 9, the suite published self-contained "
                + "for it as `conformance runtimes` does; the results file's runtime says which, so the gate reports a change of runtime as an upgrade",
            HelpName = "8|9|10",
        };
        dotnet.AcceptOnlyFromAmong("8", "9", "10");
        var command = new Command("run", "run every claim on this machine and write its results file")
        {
            outDir, lane, slow, filter, noBuild, repeat, dotnet,
        };
        command.Explained("""
            Run every claim of the catalogue on this machine and write DIR/<platform-id>.json. Any results file
            already there for this platform is replaced.

            Exit code 0 when every claim held, differed as documented, or could not be observed here; 1 when a
            claim differed without documentation or its scenario broke; 2 on bad input.
            """);
        command.SetAction(parse =>
        {
            var name = ResultsSet.LaneName(parse.GetValue(lane) ?? Lanes.Default);
            Environment.SetEnvironmentVariable(RunContract.Lane, name); // the test processes inherit it
            var dir = Path.GetFullPath(parse.GetValue(outDir) ?? Repository.Artifacts("results"));
            var times = parse.GetValue(repeat);
            var published = Published(parse.GetValue(dotnet), parse.GetValue(filter));
            return times == 1
                ? SuiteRun.Once(dir, parse.GetValue(slow), parse.GetValue(noBuild), parse.GetValue(filter), published: published).Exit
                : SuiteRun.Repeat(times, dir, parse.GetValue(slow), parse.GetValue(noBuild), parse.GetValue(filter), published);
        });
        return command;
    }

    /// <summary>The suite published for an earlier .NET when --dotnet names one, else null (the run publishes the suite's own).</summary>
    private static string? Published(string? dotnet, string? filter)
    {
        if (dotnet is null or "10")
        {
            return null;
        }

        if (filter is not null || OperatingSystem.IsWindows())
        {
            throw new BadInputException($"--dotnet {dotnet} runs the whole suite through the workers' script: leave out --filter, and run it on Linux or macOS");
        }

        return Payload.For(System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, Console.WriteLine, $"net{dotnet}.0").GetAwaiter().GetResult();
    }
}
