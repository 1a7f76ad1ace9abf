// Compiled into every claim project (tests/Directory.Build.props, which finds them in tests/ClaimProjects.props).
// A claim process merges its results into the run's file every half second, not after every claim (ResultsStore):
// this merges the last of them before the process ends, however the run was started.

/// <summary>Runs once after every test of the assembly (a set-up fixture outside any namespace).</summary>
[NUnit.Framework.SetUpFixture]
public sealed class ClaimResults
{
    [NUnit.Framework.OneTimeTearDown]
    public void MergeWhatIsLeft() => Conformance.Fixtures.Results.ResultsStore.Flush();
}
