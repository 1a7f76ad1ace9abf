using Conformance.Harness.Cli;

namespace Conformance.Harness.Runs;

/// <summary>Progress from the results file as it grows: the test processes rewrite it whole (a rename) as claims
/// end, and every row that appears in it is a step. The file is the structured record of the run; nothing is read
/// from the test runner's console text. A change is read at most every quarter second: a file rewritten many times a
/// second would otherwise be parsed as often, on the cores the claims run on.</summary>
public sealed class ResultsWatcher : IDisposable
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromMilliseconds(250);

    private readonly string _path;
    private readonly IProgress _progress;
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _timer;
    private readonly HashSet<string> _seen = [];
    private readonly Lock _gate = new();
    private volatile bool _changed;

    public ResultsWatcher(string path, IProgress progress)
    {
        _path = Path.GetFullPath(path);
        _progress = progress;
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite,
        };
        _watcher.Renamed += (_, _) => _changed = true;
        _watcher.Changed += (_, _) => _changed = true;
        _watcher.Created += (_, _) => _changed = true;
        _watcher.EnableRaisingEvents = true;
        _timer = new Timer(_ =>
        {
            if (_changed)
            {
                _changed = false;
                Read();
            }
        }, null, ReadEvery, ReadEvery);
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

    public void Dispose()
    {
        _timer.Dispose();
        _watcher.Dispose();
    }
}
