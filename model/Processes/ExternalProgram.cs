using System.Diagnostics;
using System.Text;

namespace Conformance.Model;

/// <summary>What a finished command left: its exit code (null when it ran past its limit and was killed) and
/// everything it printed, standard output and error interleaved as they came.</summary>
public sealed record ProgramResult(int? Exit, string Output)
{
    public bool TimedOut => Exit is null;
}

/// <summary>Runs an external program (dotnet, ip, sh, QEMU, Wine, Chromium) with a bound on its time: past
/// the limit it is killed with its children, never left running. Each line it prints can be watched as it comes.</summary>
public static class ExternalProgram
{
    /// <param name="input">What the program reads on standard input (then end of file); none: end of file at once.</param>
    /// <param name="stop">Kills the program before its limit, as the limit would (a guest that showed no sign of life).</param>
    public static async Task<ProgramResult> RunAsync(string file, IEnumerable<string> args, TimeSpan limit,
        IDictionary<string, string>? environment = null, Action<string>? onLine = null, string? workingDirectory = null, string? input = null,
        CancellationToken stop = default)
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
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        cancel.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            process.WaitForExit(); // drains the last lines of output
            return new ProgramResult(process.ExitCode, Text(output));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new ProgramResult(null, Text(output));
        }
    }

    public static ProgramResult Run(string file, IEnumerable<string> args, TimeSpan limit,
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
