using Conformance.Fixtures.Results;

namespace Conformance.Harness.Tests;

/// <summary>The project's shared folder (../shared beside the repository): the FAQ and the claims.md spec.</summary>
internal static class SharedFolder
{
    public static string File(string relative)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("run the tests from the repository");
        var path = Path.GetFullPath(Path.Combine(root, "..", "shared", relative));
        if (!System.IO.File.Exists(path))
        {
            // .ci/run always has the shared folder beside the clone (RunContract.Strict): a failure there, a
            // skip elsewhere (a GitHub runner checks out the repository alone).
            throw Prerequisite.Missing($"{path} is missing: the catalogue is checked against the shared folder beside the repository",
                ".ci/run runs with the shared folder beside the clone");
        }

        return path;
    }
}
