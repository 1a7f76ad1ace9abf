using System.CommandLine;
using Conformance.Harness.Cli;

namespace Conformance.Harness.Columns;

/// <summary>The verb of a column kind (`conformance distros`, `conformance kernels`, ...: one for each kind of
/// <see cref="ColumnKindRegistry"/>): one definition for every kind, so each takes the same options (which
/// configuration, which columns, where the results go, how long one column may take, the baselines it is accepted
/// against) and accepts its columns the same way.</summary>
public static class ColumnVerb
{
    public static Command Create(IColumnKind kind)
    {
        var sweep = CommonOptions.Sweep(kind.Entry, kind.Limit.What, kind.Limit.Minutes);
        var command = new Command(kind.Verb, kind.Summary);
        Array.ForEach(sweep.All, command.Options.Add);
        command.Explained($"""
            {kind.Explained}

            {Acceptance.Explained}

            Exit code 0, 1 when a column failed or was not accepted, 2 on bad input or when this machine cannot run the
            {kind.Verb} columns (the message says what is missing).
            """);
        command.SetAction(parse =>
        {
            var columns = sweep.Chosen(parse, kind.Columns(sweep.ConfigPath(parse), sweep.Limit(parse)), c => c.Lane, kind.Entry);
            if (kind.Unavailable() is { } why)
            {
                throw new BadInputException(why);
            }

            var outcomes = Sweeps.Run(Title(kind, columns.Count), columns, sweep.OutDir(parse), kind.AtOnce);
            return Acceptance.Report(outcomes, sweep.BaselinesDir(parse), parse.GetValue(sweep.FailOnUpgrade));
        });
        return command;
    }

    /// <summary>The progress title of a sweep: "distros: 4 column(s)".</summary>
    public static string Title(IColumnKind kind, int columns) => $"{kind.Verb}: {columns} column(s) ({kind.Summary})";
}
