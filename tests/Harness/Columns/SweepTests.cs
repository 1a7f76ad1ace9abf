using Conformance.Harness.Columns;

namespace Conformance.Harness.Tests.Columns;

/// <summary>One sweep for every kind of column: a column whose run throws, whatever it throws, is that column's error
/// cells under the platform it declared, and the sweep finishes the others.</summary>
public sealed class SweepTests
{
    private static string Baselines => Path.Combine(RepositoryRoot.Find()!, "ci", "baselines");

    [Test]
    public void AColumnThatThrowsGivesItsErrorCellsAndTheSweepFinishesTheOthers()
    {
        var approved = ResultsFile.Load(Path.Combine(Baselines, "host.json"));
        var columns = new IColumn[]
        {
            new Throwing("first", new NotSupportedException("an exception no runner catches")),
            new Fixed("second", approved),
            new Throwing("third", new NullReferenceException("a bug in a runner")),
        };
        var outDir = Directory.CreateTempSubdirectory("conformance-sweep-");
        try
        {
            var outcomes = Sweeps.Run("a test sweep", columns, outDir.FullName, atOnce: 2);

            Assert.That(outcomes.Select(o => o.Name), Is.EqualTo(new[] { "first", "second", "third" }));
            foreach (var failed in outcomes.Where(o => o.Name != "second"))
            {
                Assert.That(failed.Failure, Does.StartWith(failed.Name == "first" ? "NotSupportedException" : "NullReferenceException"));
                Assert.That(failed.Results!.Platform.Id, Is.EqualTo($"linux-{failed.Name}-x64"), "the declared platform, not this machine's");
                Assert.That(failed.Results.Lane, Is.EqualTo(failed.Name));
                Assert.That(failed.Results.Claims.Select(c => c.Row), Is.EquivalentTo(ClaimRows.Expected(Catalogue.Default)), "every cell of every family and layer");
                Assert.That(failed.Results.Claims, Has.All.Matches<ClaimResult>(c => c.Verdict == Verdict.Error));
                Assert.That(File.Exists(Path.Combine(outDir.FullName, $"linux-{failed.Name}-x64.json")), "its results file is written");
            }

            var finished = outcomes.Single(o => o.Name == "second");
            Assert.That(finished.Failure, Is.Null);
            Assert.That(finished.Results!.Lane, Is.EqualTo("second"), "the sweep puts a column in its lane");
            Assert.That(finished.Results.Claims.Select(c => (c.Row, c.Verdict)), Is.EqualTo(approved.Claims.Select(c => (c.Row, c.Verdict))));
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }

    private static PlatformInfo Platform(string lane) => new()
    {
        Id = $"linux-{lane}-x64", Os = "linux", OsVersion = "6.1", Distro = "test", Libc = "glibc", Runtime = ".NET", Arch = "x64", User = "root",
    };

    private sealed record Throwing(string Lane, Exception Failure) : IColumn
    {
        public PlatformInfo Declared => Platform(Lane);

        public ColumnInfo Info => ColumnInfo.Of(ColumnKinds.Kernel, Lane);

        public Task<ColumnOutcome> Run(Action<string> progress) => throw Failure;
    }

    private sealed record Fixed(string Lane, ResultsFile Results) : IColumn
    {
        public PlatformInfo Declared => Platform(Lane);

        public ColumnInfo Info => ColumnInfo.Of(ColumnKinds.Native, Lane);

        public Task<ColumnOutcome> Run(Action<string> progress) =>
            Task.FromResult(new ColumnOutcome(Lane, Results.Platform.Id, Results, null, null));
    }
}
