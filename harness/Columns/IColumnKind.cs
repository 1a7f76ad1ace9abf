namespace Conformance.Harness.Columns;

/// <summary>One column a sweep runs: the lane it is approved in, the platform it stands for and how it shows in the
/// matrix, all declared before it runs, and how it runs. Whatever <see cref="Run"/> throws becomes this column's error
/// cells under <see cref="Declared"/> (<see cref="Sweeps"/>), and the sweep goes on with the others.</summary>
public interface IColumn
{
    string Lane { get; }

    /// <summary>The platform the column stands for as its kind knows it without a run, so a failed run is reported as
    /// that platform's failure, not as an upgrade to whatever machine ran it.</summary>
    PlatformInfo Declared { get; }

    ColumnInfo Info { get; }

    /// <summary>Runs the claims; a column that cannot run here at all comes back skipped, with why.</summary>
    Task<ColumnOutcome> Run(Action<string> progress);
}

/// <summary>A kind of column: its verb and what the verb's help says, why it cannot run here, and the columns it has.
/// One class per kind, listed once in <see cref="ColumnKindRegistry"/>: the verbs, `conformance matrix`, the sweep and
/// its progress take every kind from there.</summary>
public interface IColumnKind
{
    /// <summary>The verb that runs this kind's columns, and the word `conformance matrix --skip` takes for them.</summary>
    string Verb { get; }

    /// <summary>The verb's one line in the list of verbs.</summary>
    string Summary { get; }

    /// <summary>The verb's long help, before what every column verb adds (the acceptance and the exit codes).</summary>
    string Explained { get; }

    /// <summary>What one column is called in --only's help ("distro", "kernel", "runtime").</summary>
    string Entry { get; }

    /// <summary>The default bound on one column's run, in minutes, and what it bounds.</summary>
    (int Minutes, string What) Limit { get; }

    /// <summary>Whether `conformance matrix` runs this kind after the run on this machine.</summary>
    bool InMatrix { get; }

    /// <summary>How many of its columns run at once: one per core where a column mostly waits on its claims' timers in a
    /// container or guest of its own; one where a column loads this machine as a run here does.</summary>
    int AtOnce { get; }

    /// <summary>Why this kind's columns cannot run on this machine (a missing program), or null.</summary>
    string? Unavailable();

    /// <summary>The columns of this kind, from the columns' configuration (ci/distros.json unless --config names another).</summary>
    IReadOnlyList<IColumn> Columns(string configPath, TimeSpan limit);
}
