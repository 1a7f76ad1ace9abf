using System.Diagnostics;
using System.Text;

namespace Conformance.Fixtures.Processes;

/// <summary>What a finished command left: its exit code (null when it ran past its limit and was killed) and
/// everything it printed, standard output and error interleaved as they came.</summary>
public sealed record CommandResult(int? Exit, string Output)
{
    public bool TimedOut => Exit is null;
}

/// <summary>Runs an external program (dotnet, ip, sh, QEMU, Wine, Chromium) with a bound on its time: past
/// the limit it is killed with its children, never left running. Each line it prints can be watched as it comes.</summary>
public static class Command
{
    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> args, TimeSpan limit,
        IDictionary<string, string>? environment = null, Action<string>? onLine = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // a program that reads stdin (QEMU's serial) sees end of file, not the terminal
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var output = new StringBuilder();
        void Take(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
                onLine?.Invoke(e.Data);
            }
        }

        process.OutputDataReceived += Take;
        process.ErrorDataReceived += Take;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            process.WaitForExit(); // drains the last lines of output
            return new CommandResult(process.ExitCode, Text(output));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new CommandResult(null, Text(output));
        }
    }

    public static CommandResult Run(string file, IEnumerable<string> args, TimeSpan limit,
        IDictionary<string, string>? environment = null, Action<string>? onLine = null, string? workingDirectory = null) =>
        RunAsync(file, args, limit, environment, onLine, workingDirectory).GetAwaiter().GetResult();

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
