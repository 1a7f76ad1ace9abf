using Conformance.Harness.Cli;

namespace Conformance.Harness.Runs;

/// <summary>Progress from the results file as it grows: the test processes rewrite it whole (a rename) after each
/// claim, and every row that appears in it is a step. The file is the structured record of the run; nothing is
/// read from the test runner's console text.</summary>
public sealed class ResultsWatcher : IDisposable
{
    private readonly string _path;
    private readonly IProgress _progress;
    private readonly FileSystemWatcher _watcher;
    private readonly HashSet<string> _seen = [];
    private readonly Lock _gate = new();

    public ResultsWatcher(string path, IProgress progress)
    {
        _path = Path.GetFullPath(path);
        _progress = progress;
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite,
        };
        _watcher.Renamed += (_, _) => Read();
        _watcher.Changed += (_, _) => Read();
        _watcher.Created += (_, _) => Read();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Reads the file once more: events may be coalesced, and the last one may come after the run ends.</summary>
    public void Read()
    {
        lock (_gate)
        {
            ResultsFile file;
            try
            {
                file = ResultsFile.Load(_path);
            }
            catch (Exception e) when (e is BadInputException or IOException)
            {
                return; // not there yet, or replaced between the event and the read: the next event reads it
            }

            foreach (var claim in file.Claims.Where(c => _seen.Add(c.Row)))
            {
                _progress.Step($"{claim.Row,-34} {claim.Verdict.ToString().ToLowerInvariant()}");
            }
        }
    }

    public void Dispose() => _watcher.Dispose();
}
