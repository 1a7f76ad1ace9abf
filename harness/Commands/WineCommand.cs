using System.CommandLine;
using Conformance.Harness.Cli;
using Conformance.Harness.Columns;
using Conformance.Harness.Wine;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance wine</c>: a smoke run of the Windows code path on Linux. The claims are published for
/// win-x64 and run under Wine, which proves the Winsock bindings load and marshal. The results are Wine's
/// (it answers Winsock with Linux sockets): their platform id is wine-&lt;version&gt;-x64, never a Windows column.</summary>
public static class WineCommand
{
    public static Command Create()
    {
        var outDir = CommonOptions.Out("where Wine's results file goes (default artifacts/wine)");
        var limit = CommonOptions.LimitMinutes(3, "how long one claim executable may run under Wine");
        var baselines = CommonOptions.AcceptAgainst();
        var failOnUpgrade = CommonOptions.FailOnUpgrade();
        var command = new Command("wine", "smoke-run the Windows code path under Wine (its results are Wine's, never a Windows column)")
        {
            outDir, limit, baselines, failOnUpgrade,
        };
        command.Explained($"""
            Smoke-run the Windows code path under Wine: publish the claim projects for win-x64, run them under Wine
            (apt-get install wine wine64) and write DIR/wine-<version>-x64.json. Its results are Wine's (it answers
            Winsock with Linux sockets), never a Windows column. It fails when a claim executable crashes or leaves
            claims out, or when Wine's column is not accepted. Wine's differences from the FAQ are Wine's, not Windows',
            so they are held to the wine lane's approved baseline rather than to windows.json.

            {Acceptance.Explained}

            Exit code 0, 1 when the run crashed or its column was not accepted, 2 when Wine is missing.
            """);
        command.SetAction(parse => Run(
            Path.GetFullPath(parse.GetValue(outDir) ?? Repository.Artifacts("wine")), TimeSpan.FromMinutes(parse.GetValue(limit)),
            parse.GetValue(baselines) ?? CommonOptions.DefaultBaselines, parse.GetValue(failOnUpgrade)));
        return command;
    }

    private static int Run(string outDir, TimeSpan limit, string baselines, bool failOnUpgrade)
    {
        if (WineRunner.Unavailable() is { } why)
        {
            throw new BadInputException(why);
        }

        var outcomes = Sweeps.Run("Running the Windows build of the suite under Wine", [WineRunner.Lane], lane => lane, outDir,
            (_, line) => WineRunner.RunOne(limit, line));
        return Acceptance.Report(outcomes, baselines, failOnUpgrade);
    }
}
