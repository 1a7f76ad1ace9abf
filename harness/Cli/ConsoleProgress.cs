using Spectre.Console;

namespace Conformance.Harness.Cli;

/// <summary>Where a long piece of work (a sweep of columns, a run of the suite, repeats) reports as it goes.</summary>
public interface IProgress
{
    /// <summary>Something worth a line of its own: a column starting, a skip, a failure.</summary>
    void Line(string text);

    /// <summary>One of the steps counted at the start is done; <paramref name="what"/> says which, and how it went.</summary>
    void Step(string what);
}

/// <summary>Progress on the console: on a terminal a live bar (Spectre.Console) with the lines above it; in CI,
/// in a pipe or under a test, plain lines only, one per event, so logs read the same everywhere.</summary>
public static class ConsoleProgress
{
    /// <summary>A terminal a person watches: interactive, not redirected, not a CI job.</summary>
    public static bool Live =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && !Console.IsOutputRedirected
        && AnsiConsole.Profile.Capabilities.Interactive;

    private static int _running;

    /// <summary>Runs <paramref name="work"/> with a progress of <paramref name="steps"/> steps titled <paramref name="title"/>.
    /// A progress started inside another (a run of the suite that is one column of a sweep) is silent: the sweep reports
    /// the column, and a live bar cannot hold another.</summary>
    public static T Run<T>(string title, int steps, Func<IProgress, T> work)
    {
        if (Interlocked.Increment(ref _running) > 1)
        {
            try
            {
                return work(new Silent());
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        try
        {
            return Start(title, steps, work);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static T Start<T>(string title, int steps, Func<IProgress, T> work)
    {
        Console.WriteLine(title);
        if (!Live)
        {
            return work(new Plain(steps));
        }

        return AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context => work(new Bar(context.AddTask(Markup.Escape(title), maxValue: steps))));
    }

    private sealed class Silent : IProgress
    {
        public void Line(string text)
        {
        }

        public void Step(string what)
        {
        }
    }

    private sealed class Plain(int steps) : IProgress
    {
        private readonly Lock _gate = new();
        private int _done;

        public void Line(string text)
        {
            lock (_gate)
            {
                Console.WriteLine(text);
            }
        }

        public void Step(string what)
        {
            lock (_gate)
            {
                _done++;
                // A filtered run cannot know its total in advance (the filter is the test platform's): count only.
                Console.WriteLine(steps > 0 ? $"[{_done.ToString().PadLeft(steps.ToString().Length)}/{steps}] {what}" : $"[{_done}] {what}");
            }
        }
    }

    private sealed class Bar(ProgressTask task) : IProgress
    {
        private readonly Lock _gate = new();

        public void Line(string text)
        {
            lock (_gate)
            {
                AnsiConsole.MarkupLine(Markup.Escape(text));
            }
        }

        public void Step(string what)
        {
            lock (_gate)
            {
                task.Increment(1);
                task.Description = Markup.Escape(what);
            }
        }
    }
}
